"""The Border Tour list: /routes/?q=&days=&season=&theme=&transport=&county=&sort="""

import pytest

from attractions.tests.factories import make_attraction
from corridor_portal.models import Status, Theme
from corridor_portal.tests.factories import make_region
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
