"""A place to stay: unknown facts stay unknown, a stand-in position never measures a distance."""

import pytest

from attractions.tests.factories import make_attraction
from listings.tests.factories import make_region
from pages.search import search_everything
from stays.models import Stay, StayKind
from stays.tests.factories import make_stay

pytestmark = pytest.mark.django_db


def test_unknown_beds_and_languages_stay_unknown():
    stay = make_stay(beds=None, languages_spoken=[])
    stay.refresh_from_db()
    assert stay.beds is None
    assert stay.languages_spoken is None  # no box ticked is "not known", not "no language"
    assert stay.languages_spoken_labels is None


def test_an_approximate_position_never_gives_a_distance():
    helong = make_region("helong")
    sight = make_attraction(region=helong, latitude=42.56, longitude=129.02)
    at_the_seat = make_stay(
        region=helong, latitude=helong.latitude, longitude=helong.longitude, position_is_approximate=True
    )
    known = make_stay(region=helong, latitude=42.55, longitude=129.02)
    assert at_the_seat.distance_km_to(sight) is None
    assert known.distance_km_to(sight) is not None
    assert list(Stay.objects.near(sight, 50)) == [known]
    assert list(Stay.objects.near(at_the_seat, 50)) == []


def test_the_telephone_link_dials_the_digits():
    assert make_stay(phone="+86 (433) 512-3456").phone_link == "tel:+864335123456"
    assert make_stay(phone="").phone_link == ""


def test_the_card_says_the_kind_and_a_winter_opening_badge():
    facts = make_stay(kind=StayKind.CAMPSITE, winter_opening="open").card_facts
    assert [fact.text for fact in facts] == ["营地（房车营地）", "冬季全程营业"]
    assert facts[1].is_badge


@pytest.mark.parametrize("query", ["南茂", "nanmao", "Nanmao Hotel"])
def test_search_finds_a_stay_by_chinese_pinyin_and_english_name(query):
    make_stay(region=make_region("helong"), slug="nanmao-hotel", name_zh_hans="南茂酒店", name_en="Nanmao Hotel")
    assert [stay.slug for stay in search_everything(query).stays] == ["nanmao-hotel"]
