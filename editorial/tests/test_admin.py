"""Staff can reach, search and edit every kind of content in the admin."""

import re

import pytest
from django.urls import reverse

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from listings.i18n import localized_columns
from listings.models import Status
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:attractions_attraction_changelist",
    "admin:villages_village_changelist",
    "admin:routes_route_changelist",
    "admin:routes_routeday_changelist",
    "admin:corridor_portal_region_changelist",
    "admin:corridor_portal_source_changelist",
]


@pytest.mark.parametrize("url_name", CHANGELISTS)
def test_every_changelist_opens_and_searches(admin_client, url_name):
    make_route(days=[[make_attraction(name_en="Fangchuan"), make_village()]])
    assert admin_client.get(reverse(url_name)).status_code == 200
    assert admin_client.get(reverse(url_name), {"q": "Fangchuan"}).status_code == 200


def test_attraction_search_finds_english_and_chinese_names(admin_client):
    make_attraction(name_zh_hans="防川风景名胜区", name_en="Fangchuan Scenic Area")
    make_attraction(name_zh_hans="将军坟", name_en="General's Tomb")
    url = reverse("admin:attractions_attraction_changelist")
    assert "将军坟" not in admin_client.get(url, {"q": "Fangchuan"}).content.decode()
    assert "防川" in admin_client.get(url, {"q": "防川"}).content.decode()


@pytest.mark.parametrize(
    ("url_name", "factory"),
    [
        ("admin:attractions_attraction_change", make_attraction),
        ("admin:villages_village_change", make_village),
    ],
)
def test_change_forms_open(admin_client, url_name, factory):
    listing = factory()
    assert admin_client.get(reverse(url_name, args=[listing.pk])).status_code == 200


def test_route_change_form_shows_its_days(admin_client):
    route = make_route(days=[[make_attraction()], [make_village()]])
    page = admin_client.get(reverse("admin:routes_route_change", args=[route.pk])).content.decode()
    assert "Edit the stops of this day" in page or "编辑" in page
    day = route.days.first()
    assert admin_client.get(reverse("admin:routes_routeday_change", args=[day.pk])).status_code == 200


def test_adding_an_attraction_through_the_admin(admin_client):
    region = make_region("hunchun")
    response = admin_client.post(
        reverse("admin:attractions_attraction_add"),
        {
            "name_zh_hans": "敬信湿地",
            "name_en": "Jingxin Wetland",
            "slug": "jingxin-wetland",
            "category": "natural",
            "region": region.pk,
            "status": "draft",
            "a_level": 0,
            "latitude": "42.5",
            "longitude": "130.6",
            "best_seasons": ["spring", "autumn"],
            "photos-TOTAL_FORMS": 0,
            "photos-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Attraction.objects.get(slug="jingxin-wetland")
    assert created.best_seasons == ["spring", "autumn"]
    assert created.status == Status.DRAFT


def test_a_position_outside_jilin_is_a_form_error_not_a_500(admin_client):
    region = make_region("hunchun")
    response = admin_client.post(
        reverse("admin:attractions_attraction_add"),
        {
            "name_zh_hans": "错位",
            "slug": "misplaced",
            "category": "natural",
            "region": region.pk,
            "status": "draft",
            "a_level": 0,
            "latitude": "31.2",
            "longitude": "121.5",
            "photos-TOTAL_FORMS": 0,
            "photos-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert not Attraction.objects.filter(slug="misplaced").exists()


def test_publish_action_keeps_the_first_publication_date(admin_client):
    listing = make_attraction(status=Status.DRAFT)
    admin_client.post(
        reverse("admin:attractions_attraction_changelist"),
        {"action": "publish", "_selected_action": [listing.pk]},
    )
    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED
    assert listing.first_published_at is not None


@pytest.mark.parametrize("url_name", CHANGELISTS[:3])
def test_changelists_cost_the_same_queries_with_more_rows(admin_client, django_assert_max_num_queries, url_name):
    for _ in range(3):
        make_route(days=[[make_attraction(), make_village()]])
    url = reverse(url_name)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for _ in range(20):
        make_route(days=[[make_attraction(), make_village()]])
    with django_assert_max_num_queries(len(few)):
        admin_client.get(url)


def initial_post_data(response):
    """What the admin change form in `response` would send back unchanged: its fields and its inlines'."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            data[form.add_prefix(name)] = [str(v) for v in value] if isinstance(value, list | tuple) else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for form in formset.initial_forms:
            add(form)
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
        data[f"{formset.prefix}-INITIAL_FORMS"] = len(formset.initial_forms)
    return data


def test_a_tour_stopping_out_of_its_seasons_is_saved_with_a_warning_naming_the_stop(admin_client):
    antu = make_region("antu")
    mojie = make_attraction(region=antu, name_en="Mojie Rime Area", name_zh_hans="魔界", best_seasons=["winter"])
    route = make_route(days=[[make_village(region=antu)], [mojie]], best_seasons=["summer", "autumn"])
    url = reverse("admin:routes_route_change", args=[route.pk])

    page = admin_client.get(url)
    # Visible on the tour's page, before any save.
    assert re.search(r'<li class="warning">[^<]*魔界', page.content.decode())

    data = initial_post_data(page)
    data["title_en"] = "Changbai in summer"
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    route.refresh_from_db()
    assert route.title_en == "Changbai in summer"  # saved: a warning, not a refusal
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1 and "魔界" in warnings[0]

    # Saving the day whose stops are edited warns too.
    day = route.days.get(number=2)
    day_url = reverse("admin:routes_routeday_change", args=[day.pk])
    response = admin_client.post(day_url, initial_post_data(admin_client.get(day_url)), follow=True)
    assert any("魔界" in str(m) for m in response.context["messages"] if m.level_tag == "warning")


def test_a_tour_in_season_gets_no_warning(admin_client):
    lake = make_attraction(best_seasons=["summer"])
    route = make_route(days=[[lake]], best_seasons=["summer", "autumn"])
    url = reverse("admin:routes_route_change", args=[route.pk])
    response = admin_client.post(url, initial_post_data(admin_client.get(url)), follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def region_form_data(region, **changes):
    data = {
        "slug": region.slug,
        "corridor_order": region.corridor_order,
        "prefecture": region.prefecture,
        "latitude": region.latitude,
        "longitude": region.longitude,
        "order_confidence": region.order_confidence,
    }
    for column in [*localized_columns("name"), *localized_columns("summary")]:
        data[column] = getattr(region, column) or ""
    return {**data, **changes}


def test_a_county_renamed_in_the_admin_is_found_by_its_new_names(admin_client):
    hunchun = make_region("hunchun")
    listing = make_attraction(region=hunchun, name_zh_hans="防川风景名胜区", name_en="Fangchuan Scenic Area")
    url = reverse("admin:corridor_portal_region_change", args=[hunchun.pk])
    response = admin_client.post(url, region_form_data(hunchun, name_en="Hunchun City", name_ko="훈춘시"))
    assert response.status_code == 302
    assert listing in Attraction.objects.search("훈춘")
    assert listing in Attraction.objects.search("hunchun city")


def test_saving_a_county_changes_only_the_county():
    """No side effect in save(): the listings take a new county name when asked to (the admin asks)."""
    hunchun = make_region("hunchun")
    listing = make_attraction(region=hunchun, name_zh_hans="防川风景名胜区", name_en="Fangchuan Scenic Area")
    hunchun.name_ko = "훈춘시"
    hunchun.save()
    assert listing not in Attraction.objects.search("훈춘")
    hunchun.refill_listings_search_columns()
    assert listing in Attraction.objects.search("훈춘")
