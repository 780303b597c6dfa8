"""The Border Tour list: /routes/?q=&days=&season=&theme=&transport=&county=&sort="""

import pytest

from attractions.tests.factories import make_attraction
from listings.models import Status, Theme
from listings.tests.factories import make_region
from routes.models import Transport
from routes.tests.factories import make_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def tours():
    jian, changbai, tumen, hunchun = (make_region(s) for s in ("jian", "changbai", "tumen", "hunchun"))
    in_changbai = make_attraction(region=changbai)
    hidden_in_tumen = make_attraction(region=tumen, status=Status.DRAFT)
    make_route(
        slug="seven",
        title_en="Seven days",
        start_region=jian,
        end_region=hunchun,
        days=[[in_changbai]] * 7,
        best_seasons=["summer", "autumn"],
        themes=[Theme.BORDER, Theme.NATURAL],
        transport=Transport.SELF_DRIVE,
    )
    make_route(
        slug="snow",
        title_en="Snow weekend",
        start_region=changbai,
        end_region=changbai,
        days=[[in_changbai]] * 2,
        best_seasons=["winter"],
        themes=[Theme.WINTER],
        transport=Transport.COACH,
    )
    make_route(
        slug="river",
        title_en="River mouth",
        start_region=hunchun,
        end_region=hunchun,
        days=[[hidden_in_tumen], []],
        best_seasons=["summer"],
        themes=[Theme.BORDER],
        transport=Transport.COACH,
    )
    make_route(slug="draft", title_en="Draft tour", start_region=tumen, end_region=tumen, status=Status.DRAFT)


def titles(response):
    return [route.title_en for route in response.context["object_list"]]


def test_county_means_the_tour_starts_ends_or_stops_there(client, tours):
    assert titles(client.get("/en/routes/?county=changbai")) == ["Seven days", "Snow weekend"]
    # A draft stop in Tumen does not put a tour in Tumen; the draft tour is never shown.
    assert titles(client.get("/en/routes/?county=tumen")) == []


def test_days_season_theme_and_transport_combine(client, tours):
    assert titles(client.get("/en/routes/?days=7&season=summer&theme=border&transport=self-drive")) == ["Seven days"]
    assert titles(client.get("/en/routes/?season=winter&season=summer&transport=coach")) == [
        "Snow weekend",
        "River mouth",
    ]


def test_day_options_come_from_the_published_tours(client, tours):
    response = client.get("/en/routes/?transport=coach")
    days = next(group for group in response.context["facet_groups"] if group.name == "days")
    assert [(o.value, o.label, o.count) for o in days.options] == [
        ("", "Any", 2),
        ("2", "2 days", 2),
        ("7", "7 days", 0),
    ]


def test_unknown_days_are_explained(client, tours):
    response = client.get("/en/routes/?days=abc&theme=x&sort=name")
    assert response.status_code == 200
    assert titles(response) == ["River mouth", "Seven days", "Snow weekend"]


# Unknown is shown as unknown --------------------------------------------------------------------------------


def route_facts(client, route, language="en"):
    import re

    prefix = "" if language == "zh-hans" else f"/{language}"
    page = client.get(f"{prefix}/routes/{route.slug}/").content.decode()
    return {
        # The facts box adds a word on the season ("at its best now") beside the value.
        term: re.sub(r'\s*<strong class="essential-note">.*?</strong>', "", value)
        for term, value in re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", page, flags=re.S)
    }


def test_a_price_no_source_gives_is_not_known_and_on_request_only_with_someone_to_ask(client):
    unknown = make_route(slug="price-unknown", price_from=None)
    on_request = make_route(slug="price-on-request", price_from=None, price_enquiries="Hunchun CITS, 0433-7500000")
    free = make_route(slug="price-free", price_from=0)
    priced = make_route(slug="priced", price_from=1280)
    assert route_facts(client, unknown)["Price"] == "Not known yet"
    assert "On request" not in client.get(f"/en/routes/{unknown.slug}/").content.decode()
    assert route_facts(client, on_request)["Price"] == "On request from Hunchun CITS, 0433-7500000"
    assert route_facts(client, free)["Price"] == "Free"
    assert route_facts(client, priced)["Price"] == "from 1280 yuan per person"
    assert route_facts(client, unknown, "ru")["Цена"] == "Пока неизвестно"


def test_a_tours_unknown_seasons_and_transport_are_not_known(client):
    route = make_route(slug="unknowns", best_seasons=[], transport="")
    facts = route_facts(client, route)
    assert (facts["Best seasons"], facts["Transport"]) == ("Not known yet", "Not known yet")
    every_season = make_route(slug="every-season", best_seasons=["spring", "summer", "autumn", "winter"])
    assert route_facts(client, every_season)["Best seasons"] == "All year"


def test_the_season_filter_leaves_out_tours_of_unknown_season_and_says_how_many(client):
    make_route(slug="winter-tour", title_en="Winter tour", best_seasons=["winter"])
    make_route(slug="unknown-tour", title_en="Unknown tour", best_seasons=[])
    response = client.get("/en/routes/?season=winter")
    assert [route.title_en for route in response.context["object_list"]] == ["Winter tour"]
    assert "1 more has no season information" in response.content.decode()
    unknown = client.get("/en/routes/?season=unknown")
    assert [route.title_en for route in unknown.context["object_list"]] == ["Unknown tour"]


@pytest.mark.parametrize(
    ("prefix", "notice"),
    [
        ("", "另有1条没有季节信息"),
        ("/ko", "1개 항목은 계절 정보가 없어"),
        ("/ru", "Ещё 1 запись без сведений о сезоне"),
    ],
)
def test_the_count_of_unknown_seasons_is_said_in_every_language(client, prefix, notice):
    make_route(best_seasons=["winter"])
    make_route(best_seasons=[])
    assert notice in client.get(f"{prefix}/routes/?season=winter").content.decode()
