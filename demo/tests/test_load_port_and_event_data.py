"""The demo ports and events: the sourced facts as given, blanks left blank, and loading again changes nothing."""

import csv
import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from demo.loading.events import DATA_DIR as EVENT_DATA_DIR
from demo.loading.sources import address_key
from events.models import Event, Recurrence
from listings.models import Confidence, Source, SourceKind
from ports.models import BorderNote, Country, Crossing, CrossingAnswer, CrossingRule, DatePrecision, PortOfEntry

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue().strip()


DEMO_LOADERS = ("load_demo_data", "load_port_data", "load_event_data")


@pytest.fixture
def loaded(demo_data):
    """The corridor, the ports and the events, loaded once for this module (conftest.py demo_data)."""


def snapshot():
    return {
        "ports": list(PortOfEntry.objects.order_by("slug").values()),
        "port_sources": sorted(PortOfEntry.sources.through.objects.values_list("portofentry_id", "source_id")),
        "viewpoints": sorted(
            PortOfEntry.viewing_attractions.through.objects.values_list("portofentry_id", "attraction_id")
        ),
        "notes": list(BorderNote.objects.order_by("pk").values()),
        "rules": list(CrossingRule.objects.order_by("pk").values()),
        "rule_sources": sorted(CrossingRule.sources.through.objects.values_list("crossingrule_id", "source_id")),
        "source_kinds": sorted(Source.objects.values_list("key", "kind", "published_on")),
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


def test_the_demo_data_never_contradicts_itself(loaded, client, set_day):
    """What the tester found on the demo data: a qualified yes at Hunchun, the visa waivers in force until
    14 September 2026 and ended after it, a bare IP address and a shop page rated low, one line for North
    Korea and one for Russia, the port's status and the telephoto ban on the Ji'an viewing spots."""
    highway = PortOfEntry.objects.get(slug="hunchun-highway-port")
    assert highway.crossing_answer == CrossingAnswer.YES_FOR_SOME
    rules = {rule.valid_until: rule for rule in highway.rules.all()}
    assert set(rules) == {datetime.date(2026, 9, 14), None}
    assert rules[datetime.date(2026, 9, 14)].valid_from in (datetime.date(2025, 9, 15), datetime.date(2025, 12, 1))
    quanhe_rule = PortOfEntry.objects.get(slug="quanhe-port").rules.get()
    assert (quanhe_rule.valid_from, quanhe_rule.valid_until) == (datetime.date(2025, 2, 20), datetime.date(2025, 3, 5))
    for address in ("38.180.59.114/news/2023/01/10/china_russia", "pass.cpu99.com/B_roseshop.html"):
        source = Source.objects.get(key=address_key(address))
        assert source.kind == SourceKind.OTHER and source.confidence_on(datetime.date(2026, 12, 6)) == Confidence.LOW
    tass = Source.objects.get(key=address_key("tass.com/economy/2051677"))
    assert (tass.kind, tass.published_on) == (SourceKind.NEWS, datetime.date(2025, 12, 1))

    set_day(datetime.date(2026, 9, 1))
    before = client.get("/en/ports/hunchun-highway-port/").content.decode()
    assert before.count('data-rule-state="in-force"') == 3 and 'data-rule-state="ended"' not in before
    set_day(datetime.date(2026, 12, 6))
    after = client.get("/en/ports/hunchun-highway-port/").content.decode()
    assert after.count('data-rule-state="ended"') == 2 and after.count('data-rule-state="in-force"') == 1
    assert "Some rules for crossing here have ended" in after
    assert "(Other; confidence: Low)" in after.split('class="sources"')[1]

    listing = client.get("/en/ports/").content.decode()
    korea = listing.split('data-country="kp"')[1].split("</li>")[0]
    russia = listing.split('data-country="ru"')[1].split("</li>")[0]
    assert "no tourist crossing is open at present" in korea and '<time datetime="2025-09">' in korea
    assert "tourists cross at" in russia and "hunchun-highway-port" in russia and "hunchun-railway-port" not in russia

    for slug in ("yalu-river-national-gate", "jian-yalu-railway-bridge"):
        page = client.get(f"/en/attractions/{slug}/").content.decode()
        assert "Telephoto photography is banned" in page
        box = page.split('class="crossing-here"')[1].split("</section>")[0]
        assert 'href="/en/ports/jian-port/"' in box and "suspended" in box
    for slug in ("changbai-port-hyesan-bridge", "tumen-port-national-gate"):
        assert 'class="crossing-here"' in client.get(f"/en/attractions/{slug}/").content.decode()
