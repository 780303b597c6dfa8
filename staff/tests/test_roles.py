"""Each role can do its job and nothing else; a county editor never reaches another county's listings."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from attractions.models import Attraction, AttractionPhoto
from attractions.tests.factories import make_attraction
from listings.models import PendingRevision, Status
from listings.tests.factories import make_region
from staff.roles import COUNTY_EDITORS, PROVINCE_EDITORS, PUBLISHERS
from villages.models import Village
from villages.tests.factories import make_village

from .factories import empty_inlines, make_county_editor, make_province_editor, make_publisher, make_staff

pytestmark = pytest.mark.django_db


def attraction_form(attraction, **changes):
    """The change form of an attraction as the admin would post it back."""
    data = {
        "name_zh_hans": attraction.name_zh_hans,
        "name_en": attraction.name_en,
        "summary_en": attraction.summary_en or "",
        "slug": attraction.slug,
        "category": attraction.category,
        "region": attraction.region_id,
        "status": attraction.status,
        "written_in": attraction.written_in,
        "a_level": "" if attraction.a_level is None else attraction.a_level,  # empty: not known
        "latitude": attraction.latitude,
        "longitude": attraction.longitude,
        **empty_inlines(Attraction),
    }
    data.update(changes)
    return data


@pytest.fixture
def counties():
    return make_region("hunchun"), make_region("jian")


@pytest.fixture
def hunchun_editor(client, counties):
    client.force_login(make_county_editor(counties[0]))
    return client


@pytest.fixture
def listings(counties):
    hunchun, jian = counties
    return {
        "hunchun": make_attraction(region=hunchun, name_zh_hans="防川", name_en="Fangchuan", status=Status.DRAFT),
        "jian": make_attraction(region=jian, name_zh_hans="将军坟", name_en="General's Tomb", status=Status.DRAFT),
        "jian_village": make_village(region=jian, name_zh_hans="集安村", name_en="Ji'an Village"),
    }


def test_the_three_roles_exist_with_their_permissions():
    perms = {
        group.name: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        for group in Group.objects.prefetch_related("permissions__content_type")
    }
    assert "attractions.publish_attraction" in perms[PROVINCE_EDITORS]
    assert "routes.change_route" in perms[PROVINCE_EDITORS]
    assert "attractions.change_attraction" in perms[COUNTY_EDITORS]
    assert "attractions.publish_attraction" not in perms[COUNTY_EDITORS]
    assert not any(p.startswith("routes.") for p in perms[COUNTY_EDITORS])
    assert "routes.publish_route" in perms[PUBLISHERS]
    assert "attractions.change_attraction" not in perms[PUBLISHERS]


def test_setup_roles_command_is_idempotent():
    from django.core.management import call_command

    call_command("setup_roles", verbosity=0)
    call_command("setup_roles", verbosity=0)
    assert Group.objects.filter(name__in=[PROVINCE_EDITORS, COUNTY_EDITORS, PUBLISHERS]).count() == 3


class TestCountyEditorOfHunchun:
    def test_sees_only_hunchun_in_the_list_and_in_search(self, hunchun_editor, listings):
        url = reverse("admin:attractions_attraction_changelist")
        page = hunchun_editor.get(url).content.decode()
        assert "防川" in page and "将军坟" not in page
        assert "将军坟" not in hunchun_editor.get(url, {"q": "将军"}).content.decode()
        assert "将军坟" not in hunchun_editor.get(url, {"q": "jiangjunfen"}).content.decode()
        villages = hunchun_editor.get(reverse("admin:villages_village_changelist")).content.decode()
        assert "集安村" not in villages

    def test_cannot_open_change_delete_or_history_of_a_jian_listing(self, hunchun_editor, listings):
        jian = listings["jian"]
        for name in ("change", "delete", "history"):
            response = hunchun_editor.get(reverse(f"admin:attractions_attraction_{name}", args=[jian.pk]))
            assert response.status_code == 403, name
        village = listings["jian_village"]
        assert hunchun_editor.get(reverse("admin:villages_village_change", args=[village.pk])).status_code == 403

    def test_cannot_see_an_old_version_of_a_jian_listing(self, hunchun_editor, listings):
        jian = listings["jian"]
        version = jian.history.latest()
        url = reverse("admin:attractions_attraction_simple_history", args=[jian.pk, version.history_id])
        assert hunchun_editor.get(url).status_code == 403

    def test_a_forged_post_to_a_jian_listing_changes_nothing(self, hunchun_editor, listings):
        jian = listings["jian"]
        url = reverse("admin:attractions_attraction_change", args=[jian.pk])
        response = hunchun_editor.post(url, attraction_form(jian, name_zh_hans="改名"))
        assert response.status_code == 403
        delete = hunchun_editor.post(reverse("admin:attractions_attraction_delete", args=[jian.pk]), {"post": "yes"})
        assert delete.status_code == 403
        jian.refresh_from_db()
        assert jian.name_zh_hans == "将军坟"

    def test_a_forged_bulk_delete_skips_other_counties(self, hunchun_editor, listings):
        hunchun_editor.post(
            reverse("admin:attractions_attraction_changelist"),
            {"action": "delete_selected", "_selected_action": [listings["jian"].pk], "post": "yes"},
        )
        assert Attraction.objects.filter(pk=listings["jian"].pk).exists()

    def test_cannot_move_a_listing_into_another_county(self, hunchun_editor, listings, counties):
        own = listings["hunchun"]
        url = reverse("admin:attractions_attraction_change", args=[own.pk])
        response = hunchun_editor.post(url, attraction_form(own, region=counties[1].pk, latitude=41.2, longitude=126.2))
        assert response.status_code == 200  # the form again, with an error
        assert response.context["adminform"].form.errors["region"]
        own.refresh_from_db()
        assert own.region == counties[0]

    def test_cannot_add_a_listing_in_another_county(self, hunchun_editor, counties):
        data = attraction_form(
            Attraction(slug="new-in-jian", name_zh_hans="新", name_en="New", category="natural", status="draft"),
            region=counties[1].pk,
            latitude=41.2,
            longitude=126.2,
        )
        response = hunchun_editor.post(reverse("admin:attractions_attraction_add"), data)
        assert response.status_code == 200
        assert not Attraction.objects.filter(slug="new-in-jian").exists()

    def test_edits_its_own_county_and_sends_to_review(self, hunchun_editor, listings):
        own = listings["hunchun"]
        url = reverse("admin:attractions_attraction_change", args=[own.pk])
        response = hunchun_editor.post(url, attraction_form(own, name_en="Fangchuan Scenic Area", status="review"))
        assert response.status_code == 302
        own.refresh_from_db()
        assert (own.name_en, own.status) == ("Fangchuan Scenic Area", Status.IN_REVIEW)

    def test_cannot_publish_in_the_form_or_by_a_forged_post(self, hunchun_editor, listings):
        own = listings["hunchun"]
        url = reverse("admin:attractions_attraction_change", args=[own.pk])
        form = hunchun_editor.get(url).context["adminform"].form
        assert [value for value, _ in form.fields["status"].choices] == ["draft", "review"]
        response = hunchun_editor.post(url, attraction_form(own, status="published"))
        assert response.status_code == 200
        assert "status" in response.context["adminform"].form.errors
        own.refresh_from_db()
        assert own.status == Status.DRAFT

    def test_cannot_publish_by_a_forged_action(self, hunchun_editor, listings):
        own = listings["hunchun"]
        changelist = reverse("admin:attractions_attraction_changelist")
        actions = [value for value, _ in hunchun_editor.get(changelist).context["action_form"].fields["action"].choices]
        assert "publish" not in actions and "unpublish" not in actions and "send_to_review" in actions
        hunchun_editor.post(changelist, {"action": "publish", "_selected_action": [own.pk]})
        own.refresh_from_db()
        assert own.status == Status.DRAFT

    def test_cannot_take_a_published_listing_off_the_site(self, hunchun_editor, counties):
        published = make_attraction(region=counties[0], status=Status.PUBLISHED)
        url = reverse("admin:attractions_attraction_change", args=[published.pk])
        form = attraction_form(published, status="draft", name_en="Renamed", written_in="zh-hans")
        response = hunchun_editor.post(url, form)
        assert response.status_code == 302
        published.refresh_from_db()
        # Still published and unchanged: the county editor's change waits for review as a pending revision.
        assert (published.status, published.name_en) == (Status.PUBLISHED, "Attraction " + published.slug)
        assert PendingRevision.objects.of(published).values["name_en"] == "Renamed"

    def test_cannot_take_a_published_listing_off_the_site_by_sending_it_to_review(self, hunchun_editor, counties):
        published = make_attraction(region=counties[0], status=Status.PUBLISHED)
        changelist = reverse("admin:attractions_attraction_changelist")
        hunchun_editor.post(changelist, {"action": "send_to_review", "_selected_action": [published.pk]})
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED

    def test_autocomplete_offers_only_its_own_counties(self, hunchun_editor, listings):
        response = hunchun_editor.get(
            reverse("admin:autocomplete"),
            {"app_label": "attractions", "model_name": "attractionphoto", "field_name": "attraction", "term": ""},
        )
        names = [result["text"] for result in response.json()["results"]]
        assert names == ["防川"]

    def test_cannot_open_a_photo_of_a_jian_listing(self, hunchun_editor, listings, tiny_jpeg):
        photo = AttractionPhoto.objects.create(attraction=listings["jian"], image=tiny_jpeg, alt_text_zh_hans="照片")
        for name in ("change", "history"):
            url = reverse(f"admin:attractions_attractionphoto_{name}", args=[photo.pk])
            assert hunchun_editor.get(url).status_code == 403

    def test_has_no_border_tours(self, hunchun_editor):
        assert hunchun_editor.get(reverse("admin:routes_route_changelist")).status_code == 403


def test_a_county_editor_without_counties_sees_nothing(client, listings):
    client.force_login(make_county_editor())
    page = client.get(reverse("admin:attractions_attraction_changelist")).content.decode()
    assert "防川" not in page and "将军坟" not in page


def test_a_province_editor_sees_and_edits_every_county(client, listings):
    client.force_login(make_province_editor())
    page = client.get(reverse("admin:attractions_attraction_changelist")).content.decode()
    assert "防川" in page and "将军坟" in page
    jian = listings["jian"]
    url = reverse("admin:attractions_attraction_change", args=[jian.pk])
    assert client.post(url, attraction_form(jian, status="published")).status_code == 302
    jian.refresh_from_db()
    assert jian.status == Status.PUBLISHED


def test_a_publisher_publishes_but_does_not_edit(client, listings):
    client.force_login(make_publisher())
    jian = listings["jian"]
    changelist = reverse("admin:attractions_attraction_changelist")
    client.post(changelist, {"action": "publish", "_selected_action": [jian.pk]})
    jian.refresh_from_db()
    assert jian.status == Status.PUBLISHED
    url = reverse("admin:attractions_attraction_change", args=[jian.pk])
    assert client.post(url, attraction_form(jian, name_zh_hans="改名")).status_code == 403
    client.post(changelist, {"action": "unpublish", "_selected_action": [jian.pk]})
    jian.refresh_from_db()
    assert (jian.status, jian.name_zh_hans) == (Status.DRAFT, "将军坟")
    assert jian.first_published_at is not None


def test_staff_without_a_role_reads_nothing(client, listings):
    client.force_login(make_staff())
    assert client.get(reverse("admin:attractions_attraction_changelist")).status_code == 403
    assert client.get(reverse("admin:villages_village_changelist")).status_code == 403
    assert Village.objects.count() == 1


def test_the_refusal_shows_nothing_of_the_other_listing(hunchun_editor, listings):
    response = hunchun_editor.get(reverse("admin:attractions_attraction_change", args=[listings["jian"].pk]))
    assert response.status_code == 403
    assert "将军坟" not in response.content.decode()
