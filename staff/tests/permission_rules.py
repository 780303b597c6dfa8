"""The rules of the permission matrix (test_permission_matrix.py) and its cases, generated from the admin registry.

Which role may view, add, change, delete or publish which kind of object, where county editors are limited to
their counties, the sample objects each case works on, and one case per admin view, action and site view."""

import io
import itertools
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver
from PIL import Image

from advice.models import TravelRule
from attractions.models import AttractionFact, AttractionPhoto
from attractions.tests.factories import make_attraction
from events.tests.factories import make_event
from hubs.tests.factories import make_hub
from listings.models import SlugRedirect
from listings.tests.factories import make_source
from ports.models import PortFact
from ports.tests.factories import make_note, make_port
from reports.models import ProblemReport
from routes.models import RoutePhoto
from routes.tests.factories import make_route
from staff.roles import COUNTY_EDITORS, PROVINCE_EDITORS, PUBLISHERS
from stays.models import StayPhoto
from stays.tests.factories import make_stay
from villages.models import VillageFact, VillagePhoto
from villages.tests.factories import make_village

from .factories import make_staff

# The rules ------------------------------------------------------------------------------------------------

ANONYMOUS, NO_ROLE = "anonymous", "staff without a role"
ROLES = [ANONYMOUS, NO_ROLE, COUNTY_EDITORS, PROVINCE_EDITORS, PUBLISHERS]
ROLE_IDS = {ANONYMOUS: "anonymous", NO_ROLE: "no-role", COUNTY_EDITORS: "county", PROVINCE_EDITORS: "province"}
ROLE_IDS[PUBLISHERS] = "publisher"

# What each registered model is, for the rules.
KIND = {
    "attractions.attraction": "place",
    "attractions.attractionphoto": "place",
    "villages.village": "place",
    "villages.villagephoto": "place",
    "routes.route": "tour",
    "routes.routeday": "tour",
    "routes.routephoto": "tour",
    "ports.portofentry": "corridor",
    "ports.bordernote": "corridor",
    "events.event": "corridor",
    "advice.travelrule": "corridor",
    "hubs.transporthub": "corridor",
    "corridor_portal.region": "county",
    "corridor_portal.source": "source",
    "corridor_portal.slugredirect": "record",
    "auth.user": "accounts",
    "auth.group": "accounts",
    "axes.accessattempt": "locked sign-ins",
    "axes.accesslog": "accounts",
    "axes.accessfailurelog": "accounts",
}
# Places to stay are edited like attractions and villages: county editors in their counties.
KIND |= {"stays.stay": "place", "stays.stayphoto": "place"}
# Travellers' reports: read and answered by the editors of their county, never written or deleted by staff.
KIND |= {"reports.problemreport": "report"}
# The lists of practical facts (the dashboard's stale facts open them): read only, a fact is edited on its place's
# page; a place's facts are read by those who read the place (county editors in their counties), a port's by those
# who read ports.
KIND |= {"attractions.attractionfact": "place fact", "villages.villagefact": "place fact"}
KIND |= {"ports.portfact": "corridor fact"}
EVERYTHING = {"view", "add", "change", "delete", "publish"}
MAY = {
    ANONYMOUS: {},
    NO_ROLE: {},
    PROVINCE_EDITORS: {
        "place": EVERYTHING,
        "tour": EVERYTHING,
        "corridor": EVERYTHING,
        "county": {"view", "change"},
        "source": {"view", "add", "change"},
        # The lockout page names province editors as the people who unlock a colleague's sign-in.
        "locked sign-ins": {"view", "delete"},
        "report": {"view", "change"},
        "place fact": {"view"},
        "corridor fact": {"view"},
    },
    COUNTY_EDITORS: {
        "place": {"view", "add", "change", "delete"},
        "county": {"view"},
        "source": {"view", "add"},
        "report": {"view", "change"},
        "place fact": {"view"},
    },
    PUBLISHERS: {
        "place": {"view", "publish"},
        "tour": {"view", "publish"},
        "corridor": {"view", "publish"},
        "county": {"view"},
        "source": {"view"},
        "report": {"view"},
        "place fact": {"view"},
        "corridor fact": {"view"},
    },
}
# Kinds a role works on only in the counties assigned to it.
COUNTY_SCOPED = {COUNTY_EDITORS: {"place", "report", "place fact"}}
OWN, OTHER = "own", "other"  # the county editor's county (Ji'an), and another (Hunchun)


def may(role, label, permission, county=None):
    """What the rules allow `role` on an object of model `label` lying in `county` (None: any or none)."""
    kind = KIND[label]
    if permission not in MAY[role].get(kind, set()):
        return False
    return county != OTHER or kind not in COUNTY_SCOPED.get(role, set())


def may_on(role, label, permission, sample):
    return may(role, label, permission, sample.county)


# The objects each case works on ---------------------------------------------------------------------------

PUBLISHABLE = {"attractions.attraction", "villages.village", "routes.route", "ports.portofentry"}
PUBLISHABLE |= {"ports.bordernote", "events.event", "advice.travelrule", "hubs.transporthub"}
PUBLISHABLE |= {"stays.stay"}
IN_A_COUNTY = {
    label
    for label, kind in KIND.items()
    if kind in {"place", "corridor", "county", "report", "place fact", "corridor fact"}
}
# Kinds whose drafts staff who may view them see at the public address, as a preview.
PREVIEWED = {"attractions.attraction", "villages.village", "routes.route"}
PREVIEWED |= {"stays.stay"}


@dataclass(frozen=True)
class Sample:
    label: str
    county: str | None  # OWN, OTHER or None (not in a county)
    status: str | None  # "published", "draft" or None (not publishable)

    @property
    def key(self):
        return "-".join(part for part in (self.county, self.status) if part) or "one"


def samples_of(label, role=None):
    """Own and other county, published and draft, where they apply. Without a role, anonymous visitors and
    staff without a role are refused before any object is looked at: one sample is enough for them."""
    counties = [OWN, OTHER] if label in IN_A_COUNTY else [None]
    states = ["published", "draft"] if label in PUBLISHABLE else [None]
    samples = [Sample(label, county, status) for county, status in itertools.product(counties, states)]
    return samples[:1] if role in {ANONYMOUS, NO_ROLE} else samples


def tiny_jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (70, 130, 180)).save(buffer, "JPEG")
    return SimpleUploadedFile("tiny.jpg", buffer.getvalue(), content_type="image/jpeg")


_rules = itertools.count(1)


def problem_report(listing):
    report = ProblemReport.about(listing, kind="closed", message="关门了")
    report.save()
    return report


def make_sample(sample, regions):
    """One object of the sample's model, in its county and state."""
    region = regions.get(sample.county)
    status = {"status": sample.status} if sample.status else {}
    access = {"user_agent": "probe", "ip_address": "192.0.2.1", "username": "probe", "http_accept": "*/*"}
    access["path_info"] = "/admin/login/"
    builders = {
        "attractions.attraction": lambda: make_attraction(region=region, **status),
        "attractions.attractionphoto": lambda: AttractionPhoto.objects.create(
            attraction=make_attraction(region=region), image=tiny_jpeg(), alt_text_zh_hans="照片"
        ),
        "villages.village": lambda: make_village(region=region, **status),
        "villages.villagephoto": lambda: VillagePhoto.objects.create(
            village=make_village(region=region), image=tiny_jpeg(), alt_text_zh_hans="照片"
        ),
        "routes.route": lambda: make_route(days=[[]], **status),
        "routes.routeday": lambda: make_route(days=[[]]).days.get(),
        "routes.routephoto": lambda: RoutePhoto.objects.create(
            route=make_route(), image=tiny_jpeg(), alt_text_zh_hans="照片"
        ),
        "ports.portofentry": lambda: make_port(region=region, **status),
        "ports.bordernote": lambda: make_note(region=region, **status),
        "events.event": lambda: make_event(region=region, **status),
        "advice.travelrule": lambda: TravelRule.objects.create(
            key=f"rule-{next(_rules)}", topic="emergency", text_zh_hans="报警110。", **status
        ),
        "hubs.transporthub": lambda: make_hub(region=region, **status),
        "corridor_portal.region": lambda: region,
        "corridor_portal.source": make_source,
        "corridor_portal.slugredirect": lambda: SlugRedirect.objects.remember(make_attraction(), "old-address"),
        "auth.user": lambda: make_staff(username="someone-else"),
        "auth.group": lambda: Group.objects.get(name=PUBLISHERS),
        "axes.accessattempt": lambda: AccessAttempt.objects.create(
            get_data="", post_data="", failures_since_start=1, **access
        ),
        "axes.accesslog": lambda: AccessLog.objects.create(**access),
        "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(**access),
    }
    builders["stays.stay"] = lambda: make_stay(region=region, **status)
    builders["reports.problemreport"] = lambda: problem_report(make_attraction(region=region))
    builders["attractions.attractionfact"] = lambda: AttractionFact.objects.create(
        attraction=make_attraction(region=region), text_zh_hans="门票105元。"
    )
    builders["villages.villagefact"] = lambda: VillageFact.objects.create(
        village=make_village(region=region), text_zh_hans="民宿冬季开放。"
    )
    builders["ports.portfact"] = lambda: PortFact.objects.create(
        port=make_port(region=region), text_zh_hans="8:30-16:30。"
    )
    builders["stays.stayphoto"] = lambda: StayPhoto.objects.create(
        stay=make_stay(region=region), image=tiny_jpeg(), alt_text_zh_hans="照片"
    )
    obj = builders[sample.label]()
    if sample.label == "corridor_portal.slugredirect":
        obj = SlugRedirect.objects.latest("pk")
    return obj


# The cases, from the registry -----------------------------------------------------------------------------

# What the admin's URL names (after "<app>_<model>_") are, for the rules.
OBJECT_VIEWS = {"change", "delete", "history", "simple_history", "password_change", "object", "review"}
MODEL_VIEWS = {"changelist", "add", "import", "process_import", "export", "place_autocomplete", "slug_suggestion"}
SITE_VIEWS = {
    # name: what a signed-in member of staff gets, what an anonymous visitor gets (None: not requested)
    "index": (200, 302),
    "login": (302, 200),
    "logout": (None, None),  # POST only, and ends the session: nothing to decide by role
    "password_change": (200, 302),
    "password_change_done": (200, 302),
    "jsi18n": (200, 302),
    "autocomplete": (None, None),  # every autocomplete field has its own cases below
    "view_on_site": (None, None),  # per object below
    "app_list": (None, None),  # per app below
    "catch_all_view": (404, 302),  # any other address under /admin/
}
# The actions, by the permission each needs on the object (what each does to the row: run_action).
ACTIONS = {
    "delete_selected": "delete",
    "publish": "publish",
    "unpublish": "publish",
    "send_to_review": "change",
    "unlock": "delete",
    "mark_confirmed": "change",
    "mark_fixed": "change",
}


@dataclass(frozen=True)
class Case:
    view: str
    role: str
    label: str = ""
    sample: Sample | None = None
    detail: str = ""  # the action, autocomplete field, app or site view

    @property
    def id(self):
        parts = [self.label, self.view, self.detail, self.sample.key if self.sample else "", ROLE_IDS[self.role]]
        return ":".join(part for part in parts if part)


def url_names(model_admin):
    """The views a ModelAdmin exposes: each URL name without its "<app>_<model>_" prefix."""
    opts = model_admin.model._meta
    prefix = f"{opts.app_label}_{opts.model_name}_"
    names = []
    for pattern in model_admin.get_urls():
        if isinstance(pattern, URLResolver):
            names.append(f"unclassified: included URLs {pattern.pattern}")
        elif pattern.name is None:
            names.append("object" if str(pattern.pattern) == "<path:object_id>/" else f"unclassified: {pattern}")
        else:
            names.append(pattern.name.removeprefix(prefix))
    return names


def cases():
    found = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        if label not in KIND:
            found.append(Case(f"unclassified: {label} is not in KIND", ANONYMOUS, label))
            continue
        for role in ROLES:
            for name in url_names(model_admin):
                if name == "object":  # the bare object address: a redirect to the change page, for any object
                    found.append(Case(name, role, label, samples_of(label)[0]))
                elif name in OBJECT_VIEWS:
                    for sample in samples_of(label, role):
                        found.append(Case(name, role, label, sample))
                        if name in {"change", "simple_history", "delete", "review"}:
                            found.append(Case(f"{name} POST", role, label, sample))
                elif name == "import":
                    for county in [OWN, OTHER] if label in IN_A_COUNTY else [None]:
                        found.append(Case("import", role, label, Sample(label, county, None)))
                        found.append(Case("another's import", role, label, Sample(label, county, None)))
                elif name == "export":
                    for sample in samples_of(label, role):
                        found.append(Case("export", role, label, sample))
                elif name == "add":
                    found.append(Case(name, role, label))
                    for sample in samples_of(label, role):  # a copy of the sample, as a new object
                        found.append(Case("add POST", role, label, sample))
                elif name in MODEL_VIEWS:
                    if name != "process_import":  # the second step of each import case
                        found.append(Case(name, role, label))
                else:
                    found.append(Case(f"unclassified: {label} view {name}", role, label))
            for _func, action, _description in model_admin._get_base_actions():
                if action not in ACTIONS:
                    found.append(Case(f"unclassified: {label} action {action}", role, label))
                    continue
                for sample in samples_of(label, role):
                    found.append(Case("action", role, label, sample, action))
            for field in model_admin.autocomplete_fields:
                target = model._meta.get_field(field).remote_field.model._meta.label_lower
                for sample in samples_of(target, role):
                    found.append(Case("autocomplete", role, target, sample, f"{label}.{field}"))
            if hasattr(model, "get_absolute_url"):
                for sample in samples_of(label, role):
                    found.append(Case("view_on_site", role, label, sample))
    site_urls = [p for p in admin.site.get_urls() if isinstance(p, URLPattern)]
    for role in ROLES:
        for pattern in site_urls:
            name = pattern.name or getattr(pattern.callback, "__name__", str(pattern))
            if name not in SITE_VIEWS:
                found.append(Case(f"unclassified: the site's view {name}", role))
            elif SITE_VIEWS[name][0] is not None:
                found.append(Case("site", role, detail=name))
        for app_label in sorted({model._meta.app_label for model in admin.site._registry}):
            found.append(Case("app_list", role, detail=app_label))
    return found


CASES = cases()
