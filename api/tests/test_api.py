"""The open data API's contract: every kind, every filter the pages have, every language, never a draft, the
limits, GeoJSON for places, CORS for reads, bad input answered with a 4xx."""

import os
import uuid
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse

from attractions.tests.factories import make_attraction
from events.tests.factories import make_event
from listings.models import Season, Status, Theme
from listings.tests.factories import make_region
from ports.tests.factories import make_port
from routes.tests.factories import make_route
from stays.tests.factories import make_stay
from villages.models import Culture
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


@pytest.fixture
def corridor(time_machine):
    time_machine.move_to("2027-04-20 10:00 +08:00", tick=False)
    hunchun = make_region("hunchun", name_zh_hans="珲春", name_en="Hunchun", name_ko="훈춘", name_ru="Хуньчунь")
    jian = make_region("jian", name_zh_hans="集安", name_en="Ji'an")
    fangchuan = make_attraction(
        region=hunchun,
        slug="fangchuan",
        name_zh_hans="防川风景名胜区",
        name_en="Fangchuan Scenic Area",
        name_ko="팡촨 풍경구",
        category=Theme.BORDER,
        best_seasons=[Season.SPRING, Season.AUTUMN],
        a_level=4,
        latitude=42.43,
        longitude=130.6,
    )
    wandu = make_attraction(
        region=jian, slug="wandu", name_zh_hans="丸都山城", name_en="Wandu Mountain City", category=Theme.HISTORICAL
    )
    bridge = make_attraction(
        region=hunchun,
        slug="quanhe-bridge",
        name_en="Quanhe Bridge",
        category=Theme.BORDER,
        latitude=42.5,
        longitude=130.5,
    )
    somewhere = make_attraction(region=jian, slug="somewhere", name_en="Somewhere", position_is_approximate=True)
    draft = make_attraction(region=hunchun, slug="secret-draft", name_en="Secret draft", status=Status.DRAFT)
    village = make_village(
        region=hunchun, slug="fangchuan-village", name_en="Fangchuan Village", culture=Culture.KOREAN
    )
    route = make_route(slug="three-countries", title_en="Three countries", days=[[fangchuan, village], [wandu]])
    port = make_port(region=hunchun, slug="quanhe", name_en="Quanhe Port")
    event = make_event(region=hunchun, slug="may-festival", name_en="May festival")
    stay = make_stay(region=hunchun, village=village, slug="nanmao-hotel", name_en="Nanmao Hotel", beds=None)
    hidden_stay = make_stay(region=hunchun, slug="secret-hotel", status=Status.DRAFT)
    return locals()


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:500])
    return response.json()


def slugs(answer):
    return [item["slug"] for item in answer["results"]]


def test_the_root_lists_every_kind_the_schema_and_the_documentation(client, corridor):
    root = get_json(client, "/api/")
    assert set(root["kinds"]) == {"attractions", "villages", "routes", "ports", "events", "stays"}
    assert root["kinds"]["attractions"]["geojson"].endswith("/api/attractions/?format=geojson")
    assert "geojson" not in root["kinds"]["events"]
    schema = client.get(root["schema"] + "?format=json").json()
    assert "/api/attractions/" in schema["paths"] and "/api/routes/{slug}/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/attractions/"]["get"]["parameters"]}
    assert {"q", "county", "category", "season", "a_level", "free", "sort", "near", "radius", "page"} <= parameters
    documentation = client.get(root["documentation"]).content.decode()
    assert "/api/villages/{slug}/" in documentation and "culture" in documentation


def test_every_kind_lists_only_published_listings_never_a_draft(client, corridor):
    assert set(slugs(get_json(client, "/api/attractions/"))) == {"wandu", "somewhere", "quanhe-bridge", "fangchuan"}
    assert get_json(client, "/api/attractions/secret-draft/", status=404)
    assert slugs(get_json(client, "/api/villages/")) == ["fangchuan-village"]
    assert slugs(get_json(client, "/api/routes/")) == ["three-countries"]
    assert slugs(get_json(client, "/api/ports/")) == ["quanhe"]
    assert slugs(get_json(client, "/api/events/")) == ["may-festival"]
    assert slugs(get_json(client, "/api/stays/")) == ["nanmao-hotel"]
    assert get_json(client, "/api/stays/secret-hotel/", status=404)
    corridor["fangchuan"].status = Status.DRAFT
    corridor["fangchuan"].save()
    assert "fangchuan" not in slugs(get_json(client, "/api/attractions/"))
    assert get_json(client, "/api/attractions/fangchuan/", status=404)


def test_a_staff_session_changes_nothing(admin_client, corridor):
    assert "secret-draft" not in slugs(get_json(admin_client, "/api/attractions/"))
    assert admin_client.get("/api/attractions/secret-draft/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("county=hunchun&sort=name", ["fangchuan", "quanhe-bridge"]),
        ("category=historical", ["wandu"]),
        ("season=autumn", ["fangchuan"]),
        ("a_level=4", ["fangchuan"]),
        ("q=防川", ["fangchuan"]),
        ("q=wandu", ["wandu"]),
        ("near=fangchuan&radius=50", ["quanhe-bridge"]),
        ("sort=name", ["fangchuan", "quanhe-bridge", "somewhere", "wandu"]),
    ],
)
def test_the_pages_filters_work_in_the_api(client, corridor, query, expected):
    answer = get_json(client, f"/en/api/attractions/?{query}")
    assert slugs(answer) == expected


def test_the_other_kinds_filters(client, corridor):
    assert slugs(get_json(client, "/api/villages/?culture=korean")) == ["fangchuan-village"]
    assert slugs(get_json(client, "/api/villages/?county=jian")) == []
    assert slugs(get_json(client, "/api/routes/?county=jian")) == ["three-countries"]
    assert slugs(get_json(client, "/api/routes/?theme=winter")) == []
    assert get_json(client, "/api/routes/?days=9", status=400)["filters"]
    assert slugs(get_json(client, "/api/ports/?country=kp")) == ["quanhe"]
    assert slugs(get_json(client, "/api/ports/?country=ru")) == []
    assert slugs(get_json(client, "/api/events/?county=hunchun")) == ["may-festival"]


@pytest.mark.parametrize(
    "query",
    ["category=volcano", "a_level=9", "county=atlantis", "season=monsoon", "radius=-3", "sort=%00", "page=0"],
)
def test_bad_filters_and_pages_are_a_4xx_never_a_500(client, corridor, query):
    response = client.get(f"/api/attractions/?{query}")
    assert 400 <= response.status_code < 500, (query, response.status_code)


def test_a_huge_page_number_is_a_404(client, corridor):
    assert client.get("/api/attractions/?page=99999999999").status_code == 404


def test_pages_of_results_with_links(client, corridor):
    answer = get_json(client, "/api/attractions/?page_size=2")
    assert answer["count"] == 4 and len(answer["results"]) == 2 and answer["next"].endswith("page=2&page_size=2")
    assert len(get_json(client, "/api/attractions/?page_size=1000")["results"]) == 4  # at most 100 a page


@pytest.mark.parametrize(
    ("prefix", "name", "county"),
    [
        ("", "防川风景名胜区", "珲春"),
        ("/en", "Fangchuan Scenic Area", "Hunchun"),
        ("/ko", "팡촨 풍경구", "훈춘"),
        ("/ru", "Fangchuan Scenic Area", "Хуньчунь"),
    ],
)
def test_texts_come_in_the_language_of_the_address_and_fallbacks_are_named(client, corridor, prefix, name, county):
    answer = get_json(client, f"{prefix}/api/attractions/fangchuan/")
    assert answer["name"] == name
    assert answer["county"]["name"] == county
    assert ("name" in answer["fallbacks"]) == (prefix == "/ru")
    assert answer["url"] == f"http://testserver{prefix}/attractions/fangchuan/"
    assert answer["category"] == {"value": "border", "label": answer["category"]["label"]}
    assert [season["value"] for season in answer["best_seasons"]] == ["spring", "autumn"]


def test_an_approximate_position_is_never_given_as_a_position(client, corridor):
    answer = get_json(client, "/api/attractions/somewhere/")
    assert (answer["latitude"], answer["longitude"], answer["position_is_approximate"]) == (None, None, True)
    assert get_json(client, "/api/attractions/fangchuan/")["latitude"] == 42.43


def test_places_as_geojson(client, corridor):
    response = client.get("/api/attractions/?format=geojson")
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection" and collection["count"] == 4
    by_url = {feature["properties"]["url"]: feature for feature in collection["features"]}
    assert by_url["/attractions/fangchuan/"]["geometry"] == {"type": "Point", "coordinates": [130.6, 42.43]}
    assert by_url["/attractions/somewhere/"]["geometry"] is None
    routes = client.get("/api/routes/?format=geojson").json()
    assert routes["features"][0]["geometry"]["type"] in ("MultiLineString", "LineString")
    assert client.get("/api/events/?format=geojson").status_code == 404


def test_a_place_to_stay_says_what_is_not_known_as_null(client, corridor):
    stay = get_json(client, "/en/api/stays/nanmao-hotel/")
    assert stay["beds"] is None
    assert stay["village"]["slug"] == "fangchuan-village"
    assert slugs(get_json(client, "/api/stays/?county=jian")) == []


def test_a_border_tour_with_its_days_ordered_stops_and_known_distances(client, corridor):
    tour = get_json(client, "/en/api/routes/three-countries/")
    assert [day["number"] for day in tour["days"]] == [1, 2]
    first_day = tour["days"][0]
    assert [stop["place"]["slug"] for stop in first_day["stops"]] == ["fangchuan", "fangchuan-village"]
    assert first_day["stops"][0]["km_from_previous"] is None
    assert first_day["stops"][1]["place"]["kind"] == "villages"
    assert tour["days"][1]["stops"][0]["place"]["slug"] == "wandu"


def test_reads_are_open_to_any_site_and_cacheable(client, corridor):
    response = client.get("/api/villages/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "accept" not in [value.strip().lower() for value in response.get("Vary", "").split(",")]
    assert "Set-Cookie" not in response


def test_writes_are_refused(client, corridor):
    assert client.post("/api/attractions/", {"slug": "new"}).status_code == 405
    assert client.delete("/api/attractions/fangchuan/").status_code == 405


def test_one_address_is_limited(client, corridor, settings, fresh_rate_windows):
    settings.RATE_LIMITS = {"api": "3/m"}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "api"}}
    answers = [client.get("/api/villages/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]


def test_the_documentation_page_is_a_page_of_the_site_in_its_languages(client, corridor):
    content = client.get(reverse("api:docs")).content.decode()
    assert '<html lang="zh-Hans"' in content and "/api/attractions/{slug}/" in content


def test_reading_the_schema_leaves_every_pages_filters_working(client, corridor):
    """The schema generator makes the class's filters' form fields before their choices are known (counties,
    sort orders, numbers of days, villages, months): the pages' filters must still accept them afterwards."""
    client.get("/api/schema/?format=json")
    assert client.get("/routes/?county=hunchun&days=2").status_code == 200
    days = corridor["route"].duration_days
    routes = client.get(f"/en/api/routes/?days={days}&county=jian")
    assert routes.status_code == 200 and [r["slug"] for r in routes.json()["results"]] == ["three-countries"]
    assert client.get("/api/stays/?village=fangchuan-village").status_code == 200
    assert client.get("/api/events/?month=5").status_code == 200


def test_the_api_is_cached_like_the_pages(client, corridor):
    """Anonymous reads are kept by the page cache (Redis, database 12 as its own tests use) and made stale by an
    edit like any page."""
    parts = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6380/0")
    caches = {
        "default": {
            "BACKEND": "corridor_portal.redis_cache.RedisCache",
            "LOCATION": f"{parts.scheme}://{parts.netloc}/12",
            "KEY_PREFIX": f"test-api-{uuid.uuid4().hex}",
        }
    }
    with override_settings(CACHES=caches, PAGE_CACHE_ENABLED=True):
        assert client.get("/en/api/villages/")["X-Page-Cache"] == "miss"
        hit = client.get("/en/api/villages/")
        assert hit["X-Page-Cache"] == "hit" and hit.json()["results"][0]["slug"] == "fangchuan-village"
        village = corridor["village"]
        village.name_en = "Fangchuan Korean Village"
        village.save()
        fresh = client.get("/en/api/villages/")
        assert fresh["X-Page-Cache"] == "miss" and fresh.json()["results"][0]["name"] == "Fangchuan Korean Village"


def every_filter_option():
    """(kind, filter, value) for every option of every faceted filter of every list, as its page offers them."""
    return [
        ("attractions", "category", "border"), ("attractions", "season", "autumn"), ("attractions", "a_level", "4"),
        ("attractions", "free", "1"), ("attractions", "county", "hunchun"), ("villages", "culture", "korean"),
        ("villages", "homestays", "1"), ("villages", "county", "jian"), ("routes", "theme", "winter"),
        ("routes", "transport", "self-drive"), ("routes", "season", "summer"), ("routes", "county", "hunchun"),
        ("ports", "country", "kp"), ("ports", "open_now", "1"), ("ports", "county", "hunchun"),
        ("events", "kind", "festival"), ("events", "month", "5"), ("events", "county", "hunchun"),
        ("stays", "kind", "hotel"), ("stays", "winter", "unknown"), ("stays", "county", "hunchun"),
    ]  # fmt: skip


@pytest.mark.parametrize(("kind", "name", "value"), every_filter_option())
def test_every_filter_gives_what_the_list_page_gives(client, corridor, kind, name, value):
    """The API answers a filter with the rows the page's own FilterSet keeps, in the same order."""
    api = client.get(f"/api/{kind}/?{name}={value}&page_size=100")
    assert api.status_code == 200, (kind, name, value, api.content[:300])
    page = client.get(f"/{kind}/?{name}={value}")
    assert page.status_code == 200
    listed = [item.slug for item in page.context["object_list"]]
    assert [item["slug"] for item in api.json()["results"]] == listed
