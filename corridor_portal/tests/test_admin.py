"""Staff can reach, search and edit every kind of content in the admin."""

import pytest
from django.urls import reverse

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from corridor_portal.models import Status
from corridor_portal.tests.factories import make_region
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
