"""The village list: /villages/?q=&county=&culture=&homestays=1&sort="""

import pytest

from listings.models import Status
from listings.tests.factories import make_region
from villages.models import Culture
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


@pytest.fixture
def villages():
    hunchun, helong = make_region("hunchun"), make_region("helong")
    make_village(region=helong, slug="jinda", name_en="Jinda", culture=Culture.KOREAN, homestays=12)
    make_village(region=hunchun, slug="fangchuan", name_en="Fangchuan", culture=Culture.KOREAN, homestays=None)
    make_village(region=hunchun, slug="manchu", name_en="Manchu village", culture=Culture.MANCHU, homestays=3)
    make_village(region=hunchun, slug="draft", name_en="Draft village", homestays=9, status=Status.DRAFT)


def names(response):
    return [village.name_en for village in response.context["object_list"]]


def test_korean_villages_with_homestays(client, villages):
    assert names(client.get("/en/villages/?culture=korean&homestays=1")) == ["Jinda"]
    assert names(client.get("/en/villages/?county=hunchun&homestays=1")) == ["Manchu village"]


def test_facets_count_what_each_option_gives_with_the_other_filters(client, villages):
    response = client.get("/en/villages/?county=hunchun")
    groups = {group.name: {o.value: o.count for o in group.options} for group in response.context["facet_groups"]}
    assert groups["culture"] == {"": 2, "korean": 1, "manchu": 1, "han": 0, "mixed": 0, "unknown": 0}
    assert groups["homestays"] == {"1": 1}
    assert groups["county"]["helong"] == 1


def test_sort_by_name_and_unknown_filters(client, villages):
    assert names(client.get("/en/villages/?sort=name")) == ["Fangchuan", "Jinda", "Manchu village"]
    response = client.get("/en/villages/?culture=martian&homestays=maybe&county=mars")
    assert response.status_code == 200
    assert "could not be understood" in response.content.decode()
