"""The demo ports and events: the sourced facts as given, blanks left blank, and loading again changes nothing."""

import csv
import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from corridor_portal.demo_sources import address_key
from events.management.commands.load_event_data import DATA_DIR as EVENT_DATA_DIR
from events.models import Event, Recurrence
from ports.models import BorderNote, Country, Crossing, DatePrecision, PortOfEntry

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def loaded():
    run("load_demo_data")
    run("load_port_data")
    run("load_event_data")


def snapshot():
    return {
        "ports": list(PortOfEntry.objects.order_by("slug").values()),
        "port_sources": sorted(PortOfEntry.sources.through.objects.values_list("portofentry_id", "source_id")),
        "viewpoints": sorted(
            PortOfEntry.viewing_attractions.through.objects.values_list("portofentry_id", "attraction_id")
        ),
        "notes": list(BorderNote.objects.order_by("pk").values()),
        "events": list(Event.objects.order_by("slug").values()),
        "event_sources": sorted(Event.sources.through.objects.values_list("event_id", "source_id")),
    }


def test_the_twelve_ports_with_their_tourist_facts(loaded):
    assert PortOfEntry.objects.published().count() == 12
    first, last = PortOfEntry.objects.along_corridor().first(), PortOfEntry.objects.along_corridor().last()
    assert (first.slug, last.slug) == ("jian-port", "hunchun-railway-port")
    highway = PortOfEntry.objects.get(slug="hunchun-highway-port")
    assert highway.tourist_crossing == Crossing.YES and highway.across_country == Country.RUSSIA
    assert highway.across_town_en == "Kraskino"
    assert (highway.status_verified_on, highway.status_verified_precision) == (
        datetime.date(2025, 12, 1),
        DatePrecision.MONTH,
    )
    assert highway.position_is_approximate  # ports.csv gives no position: the county seat stands in
    jian = PortOfEntry.objects.get(slug="jian-port")
    assert jian.kinds == ["road", "rail", "river"] and not jian.position_is_approximate
    assert [a.slug for a in jian.viewing_attractions.order_by("slug")] == [
        "jian-yalu-railway-bridge",
        "yalu-river-national-gate",
    ]
    assert {"S18", "S19", address_key("asiapress.org/rimjin-gang/2024/11/photo/manpo-1")} <= set(
        jian.sources.values_list("key", flat=True)
    )


def test_blank_cells_stay_blank(loaded):
    kaishantun = PortOfEntry.objects.get(slug="kaishantun-port")
    assert kaishantun.tourist_crossing == Crossing.UNKNOWN
    assert kaishantun.status_verified_on is None
    assert (kaishantun.destinations_en, kaishantun.documents_en, kaishantun.viewing_en) == ("", "", "")
    shatuozi = PortOfEntry.objects.get(slug="shatuozi-port")
    assert shatuozi.across_town_en == "" and shatuozi.across_country == Country.NORTH_KOREA


def test_the_events_as_the_csv_gives_them(loaded):
    with open(EVENT_DATA_DIR / "events.csv", encoding="utf-8") as handle:
        assert Event.objects.published().count() == len(list(csv.DictReader(handle))) == 24
    launch = Event.objects.get(slug="g331-corridor-launch-2025")
    assert launch.recurrence == Recurrence.ONCE and launch.starts_on == datetime.date(2025, 9, 28)
    assert launch.is_past_on(datetime.date(2026, 11, 26))
    snow = Event.objects.get(slug="changbai-mountain-snow-festival")
    assert (snow.starts_on, snow.usual_month_start, snow.usual_month_end) == (None, 11, 4)
    assert snow.last_held_on == datetime.date(2021, 1, 9)
    pear = Event.objects.get(slug="jian-pear-blossom-korean-folk-festival")
    assert (pear.usual_month_start, pear.usual_month_end, pear.last_held_on) == (None, None, None)
    assert Event.objects.get(slug="fangchuan-new-year-blessing").attraction.slug == "fangchuan"
    assert Event.objects.get(slug="helong-jindallae-festival").village.slug == "jindallae-village"
    yanbian = Event.objects.get(slug="yanbian-prefecture-day")
    assert yanbian.region is None and yanbian.area_en
    assert all(event.sources.exists() for event in Event.objects.all())
    assert all(event.price is None for event in Event.objects.all())  # no source gives a price


def test_loading_again_changes_nothing(loaded):
    before = snapshot()
    assert "already loaded" in run("load_port_data")
    assert "already loaded" in run("load_event_data")
    assert "created 0, updated 0" in run("load_port_data", "--update")
    assert "created 0, updated 0" in run("load_event_data", "--update")
    assert snapshot() == before


def test_update_restores_the_files_and_reset_reloads(loaded):
    port = PortOfEntry.objects.get(slug="tumen-port")
    port.tourist_crossing = Crossing.YES
    port.save()
    assert "updated 1" in run("load_port_data", "--update")
    assert PortOfEntry.objects.get(slug="tumen-port").tourist_crossing == Crossing.SUSPENDED
    run("load_port_data", "--reset")
    run("load_event_data", "--reset")
    assert PortOfEntry.objects.count() == 12 and Event.objects.count() == 24
