"""The permission matrix: every view of every registered admin, for every role, answers as the rules say.

The cases are generated from the admin registry (`admin.site._registry`, each ModelAdmin's get_urls() and
actions, the autocomplete fields, the site's own views), so an admin, an action or a package's view added
later is covered without a new test; a view the matrix cannot classify is a failing case naming it. The
expected answers come from the table of rules below (which role may view, add, change, delete or publish
which kind of object, and where county editors are limited to their counties), never from the code under
test. Each case is one request (or one import) with the object of a county the role has ("own") or not
("other"), published or draft; a POST also checks whether the row changed.
"""

import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.test import Client, override_settings
from django.urls import reverse

from listings.tests.factories import make_region
from staff.roles import COUNTY_EDITORS, PROVINCE_EDITORS, PUBLISHERS

from .factories import make_county_editor, make_staff
from .permission_rules import (
    ACTIONS,
    ANONYMOUS,
    CASES,
    EVERYTHING,
    KIND,
    NO_ROLE,
    OBJECT_VIEWS,
    OTHER,
    OWN,
    PREVIEWED,
    ROLE_IDS,
    SITE_VIEWS,
    make_sample,
    may,
    may_on,
    samples_of,
    tiny_jpeg,
)

# The data, built once for the module ----------------------------------------------------------------------


@dataclass
class World:
    users: dict
    cookies: dict  # role -> the cookies of a signed-in session
    objects: dict  # Sample -> object
    regions: dict  # OWN/OTHER -> Region
    change_data: dict  # Sample -> what its change form posts back unchanged
    revert_data: dict  # Sample -> what the form of its latest version posts back unchanged
    media_root: Path
    media_backup: Path


def form_data(response):
    """What a change form on the page posts back unchanged, inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            # A browser posts no file back for a file already stored; the test client would upload it again.
            if value is not None and not isinstance(value, FieldFile):
                data[field.html_name] = value
    return data


TEXT_FIELDS = ["name_zh_hans", "title_zh_hans", "text_zh_hans", "alt_text_zh_hans", "citation", "reply"]


def text_field(data):
    return next(name for name in TEXT_FIELDS if name in data)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root, media_backup = tmp_path_factory.mktemp("media"), tmp_path_factory.mktemp("media-backup")
    media = override_settings(MEDIA_ROOT=media_root)
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            regions = {OWN: make_region("jian"), OTHER: make_region("hunchun")}
            users = {
                NO_ROLE: make_staff(username="no-role"),
                COUNTY_EDITORS: make_county_editor(regions[OWN], username="county-editor"),
                PROVINCE_EDITORS: make_staff(PROVINCE_EDITORS, username="province-editor"),
                PUBLISHERS: make_staff(PUBLISHERS, username="publisher"),
                "uploader": make_staff(PROVINCE_EDITORS, username="uploader"),
            }
            labels = set(KIND) | {case.label for case in CASES if case.label in KIND}
            objects = {sample: make_sample(sample, regions) for label in labels for sample in samples_of(label)}
            superuser = Client()
            superuser.force_login(make_staff(username="root", is_superuser=True))
            change_data, revert_data = {}, {}
            for sample, obj in objects.items():
                # Read-only lists (the facts are edited on their place's page): no form to post back.
                if KIND[sample.label] in {"accounts", "locked sign-ins", "record", "place fact", "corridor fact"}:
                    continue
                change_data[sample] = form_data(superuser.get(admin_url(sample.label, "change", obj.pk)))
                if hasattr(obj, "history"):
                    url = admin_url(sample.label, "simple_history", obj.pk, obj.history.latest().history_id)
                    revert_data[sample] = form_data(superuser.get(url))
            cookies = {}
            for role, user in users.items():
                signed_in = Client()
                signed_in.force_login(user)
                cookies[role] = signed_in.cookies
            shutil.copytree(media_root, media_backup, dirs_exist_ok=True)
            yield World(users, cookies, objects, regions, change_data, revert_data, media_root, media_backup)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            media.disable()


@pytest.fixture(autouse=True)
def media(world):
    """The photos stay where the module's data put them (staff/tests/conftest.py gives each test its own),
    and a deleted photo's files come back with its row: the database rolls back, the disk does not."""
    yield
    shutil.copytree(world.media_backup, world.media_root, dirs_exist_ok=True)


def admin_url(label, view, *args):
    app_label, model_name = label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


def client_of(world, role):
    client = Client()
    if role != ANONYMOUS:
        client.cookies = world.cookies[role]
    return client


def row(obj):
    """What a POST may have changed: whether the row exists, its status and its texts."""
    found = type(obj)._default_manager.filter(pk=obj.pk).first()
    if found is None:
        return None
    return {name: getattr(found, name) for name in ["status", *TEXT_FIELDS] if hasattr(found, name)}


# The test -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_admin_answers_as_the_rules_say(case, world, db):
    assert not case.view.startswith("unclassified"), f"The permission matrix cannot classify {case.view}"
    run = RUN.get(case.view) or RUN[case.view.removesuffix(" POST")]
    run(case, world)


def check(response, allowed, case, allowed_statuses=(200,), refused_statuses=(403,)):
    if case.role == ANONYMOUS:
        assert response.status_code == 302 and "/login/" in response["Location"], case.id
        return
    expected = allowed_statuses if allowed else refused_statuses
    assert response.status_code in expected, f"{case.id}: {response.status_code}, expected {expected}"


def run_object_view(case, world):
    obj = world.objects[case.sample]
    client = client_of(world, case.role)
    label, view = case.label, case.view
    if view == "object":  # the bare object address sends staff on to the change page
        response = client.get(admin_url(label, "changelist") + f"{obj.pk}/")
        check(response, True, case, allowed_statuses=(302,))
        return
    if view == "password_change":
        check(
            client.get(admin_url(label, "password_change", obj.pk)),
            may_on(case.role, label, "change", case.sample),
            case,
        )
        return
    if view in {"simple_history", "simple_history POST"}:
        url = admin_url(label, "simple_history", obj.pk, obj.history.latest().history_id)
    else:
        url = admin_url(label, view.removesuffix(" POST"), obj.pk)
    before = row(obj)
    if view == "review POST":
        # "Publish" on the review page: only those who may publish, in their scope; others are refused (403, or
        # sent back to the listing with a message) and nothing is published.
        allowed = may_on(case.role, label, "publish", case.sample) and may_on(case.role, label, "view", case.sample)
        response = client.post(url, {"_publish": "1"})
        check(response, allowed, case, allowed_statuses=(302,), refused_statuses=(302, 403))
        after = row(obj)
        if not allowed or case.role == ANONYMOUS:
            assert after == before, case.id
        else:
            assert after["status"] == "published", case.id
        return
    if view in {"change", "history", "simple_history", "review"}:
        check(client.get(url), may_on(case.role, label, "view", case.sample), case)
    elif view == "delete":
        check(client.get(url), may_on(case.role, label, "delete", case.sample), case)
    elif view == "delete POST":
        allowed = may_on(case.role, label, "delete", case.sample)
        check(client.post(url, {"post": "yes"}), allowed, case, allowed_statuses=(302,))
        assert (row(obj) is None) == (allowed and case.role != ANONYMOUS), case.id
        return
    else:  # a change: the form posted back with one text changed
        data = dict((world.change_data if view == "change POST" else world.revert_data).get(case.sample, {}))
        field = text_field(data) if data else None
        if field:
            data[field] = f"{data[field]}changed"
        allowed = may_on(case.role, label, "change", case.sample)
        response = client.post(url, data)
        check(response, allowed, case, allowed_statuses=(302,))
        after = row(obj)
        changed = after is not None and field is not None and after.get(field) == data[field]
        # Those who may not publish change a published listing only through a revision that waits for review.
        kept_as_revision = case.sample.status == "published" and not may_on(case.role, label, "publish", case.sample)
        expected = allowed and case.role != ANONYMOUS and not kept_as_revision
        assert changed == expected, f"{case.id}: changed={changed}"
        return
    assert row(obj) == before, case.id


def run_add_post(case, world):
    """The change form of the sample posted to the add page, with new texts and a new slug: a new object in the
    sample's county, which only those who may add there create."""
    data = dict(world.change_data.get(case.sample, {}))
    for name in list(data):
        if name.endswith("-INITIAL_FORMS") or name.endswith("-TOTAL_FORMS"):
            data[name] = 0  # no inline rows: the sample's belong to the sample
    field = text_field(data) if data else None
    marker = f"new-{ROLE_IDS[case.role]}-{case.sample.key}"
    # What a copy changes to be a new object: its unique fields.
    for name, value in {"slug": marker, "key": marker, "number": 99, field: marker}.items():
        if name in data:
            data[name] = value
    if case.label.endswith("photo"):
        data["image"] = tiny_jpeg()
    if "status" in data:
        data["status"] = "draft"  # a new listing starts as a draft; publishing has its own cases
    model = type(world.objects[case.sample])
    allowed = may_on(case.role, case.label, "add", case.sample)
    response = client_of(world, case.role).post(admin_url(case.label, "add"), data)
    # A role that may add, but not in this county, gets the form again with an error.
    form_again = may(case.role, case.label, "add") and not allowed
    check(response, allowed, case, allowed_statuses=(302,), refused_statuses=(200, 403) if form_again else (403,))
    created = field is not None and model._default_manager.filter(**{field: marker}).exists()
    assert created == (allowed and case.role != ANONYMOUS), f"{case.id}: created={created}"


def run_model_view(case, world):
    client = client_of(world, case.role)
    label = case.label
    if case.view == "changelist":
        response = client.get(admin_url(label, "changelist"))
        check(response, may(case.role, label, "view"), case)
        if response.status_code == 200 and case.role != ANONYMOUS:
            page = response.content.decode()
            for sample in samples_of(label):
                obj = world.objects[sample]
                listed = admin_url(label, "change", obj.pk) in page
                assert listed == may_on(case.role, label, "view", sample), f"{case.id}: {sample.key} listed={listed}"
    elif case.view == "add":
        check(client.get(admin_url(label, "add")), may(case.role, label, "add"), case)
    elif case.view == "place_autocomplete":
        # A stop's place is picked by those who edit Border Tours.
        allowed = may(case.role, "routes.routeday", "change") or may(case.role, "routes.routeday", "add")
        check(client.get(admin_url(label, "place_autocomplete"), {"term": ""}), allowed, case)
    elif case.view == "slug_suggestion":  # the address of a new or renamed listing, for those who write them
        allowed = may(case.role, label, "add") or may(case.role, label, "change")
        check(client.get(admin_url(label, "slug_suggestion"), {"name": "松岭雪村"}), allowed, case)


def import_file(world, label, county, slug):
    """A spreadsheet of one new listing in `county`: an existing listing's export with a new slug and name."""
    template = world.objects[samples_of(label)[0]]
    resource = admin.site._registry[type(template)].get_import_resource_classes(None)[0]()
    dataset = resource.export(queryset=type(template).objects.filter(pk=template.pk))
    dataset.headers = [field.column_name for field in resource.get_export_fields()]  # not 名称（中文）…: read too
    values = dict(zip(dataset.headers, dataset[0], strict=True))
    values.update(slug=slug, name_zh_hans=f"导入{slug}", name_en=slug, county=world.regions[county].slug)
    region = world.regions[county]
    values.update(latitude=region.latitude + 0.01, longitude=region.longitude + 0.01)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(dataset.headers)
    writer.writerow([values[header] for header in dataset.headers])
    return SimpleUploadedFile(f"{slug}.csv", buffer.getvalue().encode(), content_type="text/csv")


def preview_and_confirm_form(client, label, file):
    preview = client.post(admin_url(label, "import"), {"import_file": file, "format": "0"})
    form = (preview.context or {}).get("confirm_form") if preview.status_code == 200 else None
    return preview, ({name: form.initial.get(name, "") for name in form.fields} if form else None)


def run_import(case, world):
    label, county = case.label, case.sample.county
    model = type(world.objects[samples_of(label)[0]])
    slug = f"imported-{ROLE_IDS[case.role]}-{county}"
    allowed = may(case.role, label, "add", county)
    if case.view == "import":  # the role imports its own file: preview, then confirm
        client = client_of(world, case.role)
        preview, confirm = preview_and_confirm_form(client, label, import_file(world, label, county, slug))
        check(preview, may(case.role, label, "add"), case)
        if confirm is not None:
            response = client.post(admin_url(label, "process_import"), confirm)
            assert response.status_code in (200, 302), f"{case.id}: {response.status_code}"
    else:  # the role confirms a file another editor previewed: never theirs to import
        uploader = client_of(world, "uploader")
        _preview, confirm = preview_and_confirm_form(uploader, label, import_file(world, label, county, slug))
        assert confirm is not None, f"{case.id}: the uploader's preview failed"
        response = client_of(world, case.role).post(admin_url(label, "process_import"), confirm)
        check(response, False, case, refused_statuses=(200, 302, 400, 403, 404))
        allowed = False
    created = model.objects.filter(slug=slug).exists()
    assert created == (allowed and case.role != ANONYMOUS), f"{case.id}: created={created}"


def run_export(case, world):
    label, obj = case.label, world.objects[case.sample]
    model_admin = admin.site._registry[type(obj)]
    resource = model_admin.get_export_resource_classes(None)[0]
    fields = {f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()}
    response = client_of(world, case.role).post(admin_url(label, "export"), {"format": "0", "resource": "0", **fields})
    check(response, may(case.role, label, "view"), case)
    if response.status_code == 200 and case.role != ANONYMOUS:
        exported = obj.slug in response.content.decode("utf-8-sig")
        assert exported == may_on(case.role, label, "view", case.sample), f"{case.id}: exported={exported}"


def run_action(case, world):
    obj = world.objects[case.sample]
    label, action = case.label, case.detail
    before = row(obj)
    response = client_of(world, case.role).post(
        admin_url(label, "changelist"), {"action": action, "_selected_action": [obj.pk], "post": "yes"}
    )
    # 302 after the action; 200 (the list again) when the role is offered no action at all
    check(response, may(case.role, label, "view"), case, allowed_statuses=(200, 302))
    if not may_on(case.role, label, ACTIONS[action], case.sample):
        expected = before
    elif action in {"delete_selected", "unlock"}:  # unlocking deletes the user name's failed attempts
        expected = None
    else:
        status = before["status"]
        target = {"publish": "published", "unpublish": "draft", "send_to_review": "review"}.get(action)
        target = target or {"mark_confirmed": "confirmed", "mark_fixed": "fixed"}[action]  # travellers' reports
        # Taking a listing off the site (published -> anything else) is a publisher's decision.
        leaves_the_site = status == "published" and target != "published"
        if leaves_the_site and not may_on(case.role, label, "publish", case.sample):
            target = status
        expected = {**before, "status": target}
    assert row(obj) == expected, f"{case.id}: {before} -> {row(obj)}, expected {expected}"


def run_autocomplete(case, world):
    source_label, field = case.detail.rsplit(".", 1)
    app_label, model_name = source_label.split(".")
    obj = world.objects[case.sample]
    response = client_of(world, case.role).get(
        reverse("admin:autocomplete"), {"app_label": app_label, "model_name": model_name, "field_name": field}
    )
    check(response, may(case.role, case.label, "view"), case)
    if response.status_code == 200 and case.role != ANONYMOUS:
        offered = str(obj.pk) in {result["id"] for result in response.json()["results"]}
        assert offered == may_on(case.role, case.label, "view", case.sample), f"{case.id}: offered={offered}"


def run_view_on_site(case, world):
    """The admin's "view on site" sends staff to the public address, where the public's rules apply, except that
    staff who may view a draft of a previewed kind see it there (editorial/preview.py)."""
    obj = world.objects[case.sample]
    content_type = ContentType.objects.get_for_model(obj)
    client = client_of(world, case.role)
    response = client.get(reverse("admin:view_on_site", args=[content_type.pk, obj.pk]))
    check(response, True, case, allowed_statuses=(302,))
    public = client.get(obj.get_absolute_url())
    shown = case.sample.status in {None, "published"} or (
        case.label in PREVIEWED and may_on(case.role, case.label, "view", case.sample)
    )
    assert public.status_code == (200 if shown else 404), f"{case.id}: the public page answered {public.status_code}"


def run_site(case, world):
    staff, anonymous = SITE_VIEWS[case.detail]
    url = (
        reverse("admin:index") + "no-such-page/" if case.detail == "catch_all_view" else reverse(f"admin:{case.detail}")
    )
    response = client_of(world, case.role).get(url)
    expected = anonymous if case.role == ANONYMOUS else staff
    assert response.status_code == expected, f"{case.id}: {response.status_code}, expected {expected}"


def run_app_list(case, world):
    response = client_of(world, case.role).get(reverse("admin:app_list", args=[case.detail]))
    labels = [model._meta.label_lower for model in admin.site._registry if model._meta.app_label == case.detail]
    allowed = any(may(case.role, label, permission) for label in labels for permission in EVERYTHING)
    check(response, allowed, case, refused_statuses=(404,))


RUN = {
    **dict.fromkeys(OBJECT_VIEWS, run_object_view),
    "changelist": run_model_view,
    "add": run_model_view,
    "place_autocomplete": run_model_view,
    "slug_suggestion": run_model_view,
    "add POST": run_add_post,
    "import": run_import,
    "another's import": run_import,
    "export": run_export,
    "action": run_action,
    "autocomplete": run_autocomplete,
    "view_on_site": run_view_on_site,
    "site": run_site,
    "app_list": run_app_list,
}
