"""The attraction list: shareable filter addresses, facet counts, chips, sorting, bad input."""

import pytest

from attractions.tests.factories import make_attraction
from listings.models import Status, Theme
from listings.tests.factories import make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    jian, tumen, hunchun = make_region("jian"), make_region("tumen"), make_region("hunchun")
    return {
        "tomb": make_attraction(
            region=jian,
            slug="tomb",
            name_en="Generals Tomb",
            category=Theme.HISTORICAL,
            a_level=4,
            ticket_price=30,
            best_seasons=["summer", "autumn"],
        ),
        "bridge": make_attraction(
            region=tumen,
            slug="bridge",
            name_en="Tumen Bridge",
            category=Theme.BORDER,
            a_level=3,
            ticket_price=0,
            best_seasons=["summer", "winter"],
        ),
        "fangchuan": make_attraction(
            region=hunchun,
            slug="fangchuan",
            name_en="Fangchuan Scenic Area",
            category=Theme.BORDER,
            a_level=4,
            ticket_price=60,
            best_seasons=["winter"],
        ),
        "rink": make_attraction(
            region=hunchun,
            slug="rink",
            name_en="Hunchun Rink",
            category=Theme.WINTER,
            ticket_price=0,
            best_seasons=["winter"],
        ),
        "draft": make_attraction(
            region=hunchun,
            slug="draft",
            name_en="Hidden draft",
            category=Theme.BORDER,
            a_level=5,
            best_seasons=["winter"],
            status=Status.DRAFT,
        ),
    }


def names(response):
    return [place.name_en for place in response.context["object_list"]]


def facet(response, name):
    group = next(group for group in response.context["facet_groups"] if group.name == name)
    return {option.value: option for option in group.options}


def test_winter_attractions_in_hunchun(client, places):
    response = client.get("/en/attractions/", {"county": "hunchun", "season": "winter"})
    assert names(response) == ["Fangchuan Scenic Area", "Hunchun Rink"]
    assert "2 attractions" in response.content.decode()


def test_a_place_without_best_seasons_matches_no_season_and_is_counted_apart(client, places):
    """No season in the sources is not "good all year": a season filter leaves it out and says so, with a link
    to those places; a place good all year (all four seasons) matches every season."""
    hunchun = make_region("hunchun")
    make_attraction(region=hunchun, slug="unknown-season", name_en="Season unknown", best_seasons=[])
    make_attraction(
        region=hunchun, slug="all-year", name_en="All year", best_seasons=["spring", "summer", "autumn", "winter"]
    )

    response = client.get("/en/attractions/?county=hunchun&season=winter")
    assert sorted(names(response)) == ["All year", "Fangchuan Scenic Area", "Hunchun Rink"]
    page = response.content.decode()
    assert "1 more has no season information" in page
    assert "?county=hunchun&amp;season=unknown" in page
    assert facet(response, "season")["unknown"].count == 1
    assert facet(response, "season")["winter"].count == 3

    assert names(client.get("/en/attractions/?county=hunchun&season=spring")) == ["All year"]
    assert names(client.get("/en/attractions/?county=hunchun&season=unknown")) == ["Season unknown"]
    assert "no season information" not in client.get("/en/attractions/?county=hunchun").content.decode()


def test_county_and_season_take_several_values(client, places):
    response = client.get("/en/attractions/?county=hunchun&county=tumen&season=winter&season=autumn")
    assert names(response) == ["Tumen Bridge", "Fangchuan Scenic Area", "Hunchun Rink"]


def test_every_filter_of_the_address_combines(client, places):
    response = client.get("/en/attractions/?category=border&free=1&a_level=3&county=tumen&season=summer&q=bridge")
    assert names(response) == ["Tumen Bridge"]
    response = client.get("/en/attractions/?category=border&free=1&county=hunchun")
    assert names(response) == []
    assert "Nothing matches all these filters" in response.content.decode()


def test_facet_counts_keep_the_other_filters_and_leave_out_drafts(client, places):
    response = client.get("/en/attractions/", {"county": "hunchun", "category": "border"})
    counties = facet(response, "county")
    # County counts keep the category (border) but not the county itself.
    assert counties["hunchun"].count == 1
    assert counties["tumen"].count == 1
    assert counties["jian"].count == 0
    assert counties["jian"].is_empty
    categories = facet(response, "category")
    assert categories[""].count == 2  # "Any" category in Hunchun: Fangchuan and the rink, not the draft
    assert categories["winter"].count == 1
    assert categories["historical"].is_empty
    assert facet(response, "a_level")["5"].count == 0  # only the draft is 5A
    page = response.content.decode()
    assert 'class="facet-option is-empty"' in page


def test_active_filters_show_as_chips_that_remove_one_value(client, places):
    response = client.get("/en/attractions/?county=hunchun&county=tumen&season=winter&free=1")
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert chips["Hunchun"] == "?county=tumen&season=winter&free=1"
    assert chips["Winter"] == "?county=hunchun&county=tumen&free=1"
    assert chips["Free entry"] == "?county=hunchun&county=tumen&season=winter"
    page = response.content.decode()
    assert "Remove filter:" in page
    assert "Clear all filters" in page


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Generals Tomb", "Tumen Bridge", "Fangchuan Scenic Area", "Hunchun Rink"]),
        ("corridor", ["Generals Tomb", "Tumen Bridge", "Fangchuan Scenic Area", "Hunchun Rink"]),
        ("name", ["Fangchuan Scenic Area", "Generals Tomb", "Hunchun Rink", "Tumen Bridge"]),
        ("a_level", ["Generals Tomb", "Fangchuan Scenic Area", "Tumen Bridge", "Hunchun Rink"]),
        ("newest", ["Hunchun Rink", "Fangchuan Scenic Area", "Tumen Bridge", "Generals Tomb"]),
        ("no-such-order", ["Generals Tomb", "Tumen Bridge", "Fangchuan Scenic Area", "Hunchun Rink"]),
    ],
)
def test_sort_orders_with_west_to_east_the_default(client, places, sort, expected):
    assert names(client.get("/en/attractions/", {"sort": sort})) == expected


def test_unknown_values_are_left_out_and_explained(client, places):
    response = client.get("/en/attractions/?county=hunchun&county=atlantis&category=volcano&a_level=9&sort=x")
    assert response.status_code == 200
    assert names(response) == ["Fangchuan Scenic Area", "Hunchun Rink"]
    page = response.content.decode()
    assert "could not be understood and was left out" in page
    assert "atlantis" in page


def test_pagination_keeps_every_filter(client):
    hunchun = make_region("hunchun")
    for _ in range(30):
        make_attraction(region=hunchun, best_seasons=["winter"])
    page = client.get("/attractions/?county=hunchun&season=winter&sort=name").content.decode()
    assert "?county=hunchun&amp;season=winter&amp;sort=name&amp;page=2" in page


def test_the_script_gets_only_the_changing_part_and_caches_keep_them_apart(client, places):
    full = client.get("/en/attractions/?county=hunchun")
    fragment = client.get("/en/attractions/?county=hunchun", headers={"X-Requested-With": "fetch"})
    assert "X-Requested-With" in full["Vary"]
    assert "X-Requested-With" in fragment["Vary"]
    assert "<html" in full.content.decode()
    body = fragment.content.decode()
    assert "<html" not in body
    assert 'id="results"' in body
    assert "Fangchuan Scenic Area" in body


def test_the_form_works_without_javascript(client, places):
    page = client.get("/en/attractions/?season=winter").content.decode()
    assert '<form class="filters" id="filters" method="get" action="/en/attractions/"' in page
    assert '<input type="checkbox" id="filter-season-winter" name="season" value="winter" checked>' in page
    assert "<legend>Season</legend>" in page
    assert 'type="submit"' in page
    assert '<script src="/static/js/filters.js" defer></script>' in page


# Unknown is shown as unknown --------------------------------------------------------------------------------


def facts(response):
    """The practical facts of a detail page as {term: description}, in the page's language."""
    import re

    page = response.content.decode()
    return {
        # The facts box adds a word on the season ("at its best now") beside the value.
        term: re.sub(r'\s*<strong class="essential-note">.*?</strong>', "", value)
        for term, value in re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", page, flags=re.S)
    }


def test_an_a_level_no_source_gives_is_not_known_not_not_rated(client):
    unknown = make_attraction(slug="unknown-level", a_level=None)
    not_rated = make_attraction(slug="not-rated", a_level=0)
    rated = make_attraction(slug="rated", a_level=4)
    assert facts(client.get(f"/en/attractions/{unknown.slug}/"))["A-level"] == "Not known yet"
    assert "Not rated" not in client.get(f"/en/attractions/{unknown.slug}/").content.decode()
    assert facts(client.get(f"/en/attractions/{not_rated.slug}/"))["A-level"] == "Not rated"
    assert facts(client.get(f"/en/attractions/{rated.slug}/"))["A-level"] == "4A"
    # In every language: the catalogue's words for "not known", never "not rated".
    assert facts(client.get(f"/attractions/{unknown.slug}/"))["A级"] == "暂无信息"


def test_seasons_no_source_gives_are_not_known_and_all_year_only_when_all_four_are_given(client):
    unknown = make_attraction(slug="season-unknown", best_seasons=[])
    all_year = make_attraction(slug="all-year", best_seasons=["spring", "summer", "autumn", "winter"])
    winter = make_attraction(slug="winter-only", best_seasons=["winter"])
    assert facts(client.get(f"/en/attractions/{unknown.slug}/"))["Best seasons"] == "Not known yet"
    assert facts(client.get(f"/en/attractions/{all_year.slug}/"))["Best seasons"] == "All year"
    assert facts(client.get(f"/en/attractions/{winter.slug}/"))["Best seasons"] == "Winter"


def test_unknown_ticket_price_and_hours_are_not_known_and_say_nothing_to_search_engines(client):
    import json
    import re

    unknown = make_attraction(slug="price-unknown", ticket_price=None, opening_hours="")
    free = make_attraction(slug="free", ticket_price=0)
    page = facts(client.get(f"/en/attractions/{unknown.slug}/"))
    assert (page["Ticket"], page["Opening hours"]) == ("Not known yet", "Not known yet")
    assert facts(client.get(f"/en/attractions/{free.slug}/"))["Ticket"] == "Free"

    html = client.get(f"/en/attractions/{unknown.slug}/").content.decode()
    [data] = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, flags=re.S)
        if '"TouristAttraction"' in block
    ]
    assert "isAccessibleForFree" not in data
    assert "openingHoursSpecification" not in data


def test_sorting_by_a_level_puts_the_unknown_ones_last(client):
    region = make_region("hunchun")
    make_attraction(region=region, slug="a-unknown", name_en="Unknown level", a_level=None)
    make_attraction(region=region, slug="b-three", name_en="Three A", a_level=3)
    make_attraction(region=region, slug="c-not-rated", name_en="Not rated", a_level=0)
    assert names(client.get("/en/attractions/?sort=a_level")) == ["Three A", "Not rated", "Unknown level"]
