"""The rules of ports and border-area notes: when a status is stale, which notes a page shows."""

import datetime

import pytest
from django.db import IntegrityError

from attractions.tests.factories import make_attraction
from listings.models import Status
from listings.tests.factories import make_region
from ports.models import BorderNote, PortOfEntry, StatusCheck, months_before, stale_cutoff
from ports.tests.factories import make_note, make_port
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 11, 26), 12, datetime.date(2025, 11, 26)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 1, 15), 1, datetime.date(2025, 12, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 2, 28), StatusCheck.CURRENT),
        (datetime.date(2026, 3, 1), StatusCheck.CURRENT),  # exactly twelve months: not older
        (datetime.date(2026, 3, 2), StatusCheck.STALE),
    ],
)
def test_a_status_is_stale_once_older_than_twelve_months(today, expected):
    port = make_port(status_verified_on=datetime.date(2025, 3, 1))
    assert port.status_check_on(today) == expected
    annotated = PortOfEntry.objects.with_status_check(today).get(pk=port.pk)
    assert annotated.status_check == expected
    assert (port in PortOfEntry.objects.stale(today)) is (expected == StatusCheck.STALE)
    assert stale_cutoff(today) == months_before(today, 12)


def test_a_status_without_date_is_unverified():
    port = make_port(status_verified_on=None)
    today = datetime.date(2026, 1, 1)
    assert port.status_check_on(today) == StatusCheck.UNVERIFIED
    assert PortOfEntry.objects.with_status_check(today).get(pk=port.pk).status_check == StatusCheck.UNVERIFIED


def test_ports_run_west_to_east_then_by_their_order_along_the_border():
    hunchun, tumen = make_region("hunchun"), make_region("tumen")
    make_port(region=hunchun, slug="b-rail", corridor_order=12)
    make_port(region=hunchun, slug="a-road", corridor_order=11)
    make_port(region=tumen, slug="z-tumen", corridor_order=8)
    assert [p.slug for p in PortOfEntry.objects.along_corridor()] == ["z-tumen", "a-road", "b-rail"]


def test_a_note_belongs_to_exactly_one_thing():
    region = make_region("hunchun")
    attraction = make_attraction(region=region)
    with pytest.raises(IntegrityError):
        BorderNote.objects.create(kind="other", text_zh_hans="两处", region=region, attraction=attraction)


def test_a_note_needs_something_to_belong_to():
    with pytest.raises(IntegrityError):
        BorderNote.objects.create(kind="other", text_zh_hans="无处")


def test_a_place_shows_its_own_notes_and_its_countys_but_no_others_and_no_drafts():
    hunchun, tumen = make_region("hunchun"), make_region("tumen")
    place = make_attraction(region=hunchun)
    own = make_note(attraction=place, text_en="own")
    county = make_note(region=hunchun, text_en="county")
    make_note(region=tumen, text_en="other county")
    make_note(attraction=make_attraction(region=hunchun), text_en="other place")
    make_note(attraction=place, text_en="draft", status=Status.DRAFT)
    notes = list(BorderNote.objects.published().for_listing(place))
    assert set(notes) == {own, county}


def test_a_port_and_a_village_get_their_countys_notes():
    hunchun = make_region("hunchun")
    county = make_note(region=hunchun)
    port, village = make_port(region=hunchun), make_village(region=hunchun)
    assert list(BorderNote.objects.published().for_listing(port)) == [county]
    assert list(BorderNote.objects.published().for_listing(village)) == [county]


def test_a_tour_shows_its_notes_its_published_stops_notes_and_their_counties():
    hunchun, tumen, jian = make_region("hunchun"), make_region("tumen"), make_region("jian")
    stop = make_attraction(region=hunchun)
    draft_stop = make_village(region=tumen, status=Status.DRAFT)
    route = make_route(days=[[stop, draft_stop]])
    mine = make_note(route=route, text_en="tour")
    at_stop = make_note(attraction=stop, text_en="stop")
    county = make_note(region=hunchun, text_en="county of a stop")
    make_note(village=draft_stop, text_en="hidden stop")
    make_note(region=tumen, text_en="county of a hidden stop")
    make_note(region=jian, text_en="elsewhere")
    assert set(BorderNote.objects.published().for_listing(route)) == {mine, at_stop, county}
