"""The demo events as a tester sees them on 15 January 2027: recurrence as the sources say, lapsed ones marked."""

import datetime

import pytest

from events.models import Event, Recurrence

pytestmark = pytest.mark.django_db

JANUARY_15_2027 = datetime.date(2027, 1, 15)

# events-sources.md: "annual recurrence is not confirmed" (2, 14), "later editions are unconfirmed" (11),
# "recorded as annual because…" (18), "recurrence after that is unconfirmed" (21).
UNCONFIRMED = {
    "jian-ice-wine-festival",
    "around-changbai-mountain-cycling-race",
    "shimen-korean-folk-festival",
    "longjing-pear-blossom-viewing",
    "jingxin-winter-fishing-festival",
}


DEMO_LOADERS = ("load_demo_data", "load_event_data")


@pytest.fixture
def demo_events(demo_data, set_day):
    """The corridor and its events, loaded once for this module (conftest.py demo_data), seen on 15 January 2027."""
    set_day(JANUARY_15_2027)


def test_recurrence_is_every_year_only_where_a_source_says_so(demo_events):
    unconfirmed = set(Event.objects.filter(recurrence=Recurrence.UNCONFIRMED).values_list("slug", flat=True))
    assert unconfirmed == UNCONFIRMED
    assert Event.objects.get(slug="fusong-ginseng-festival").recurrence == Recurrence.ANNUAL  # 39 editions since 1987


def test_on_15_january_2027_this_month_holds_only_events_seen_lately(client, demo_events):
    this_month = {event.slug for event in client.get("/en/events/", {"month": "this"}).context["object_list"]}
    # The New Year blessing (last held 31 December 2025) and the Songling snow season (no edition on record).
    assert this_month == {"fangchuan-new-year-blessing", "songling-snow-season"}
    home = client.get("/en/").content.decode()
    assert "Three-Country New Year Blessing" in home
    assert "Jingxin Winter Fishing" not in home  # last held in 2017
    assert "Powder Snow Festival" not in home  # last held in January 2021
    fishing = client.get("/en/events/jingxin-winter-fishing-festival/").content.decode()
    assert "Last held in 2017 — may no longer take place" in fishing
    assert "<dd>Recurrence not confirmed</dd>" in fishing


def test_only_the_dated_launch_ceremony_has_a_calendar_file(client, demo_events):
    assert client.get("/en/events/g331-corridor-launch-2025/event.ics").status_code == 200
    assert client.get("/en/events/changbai-mountain-ski-season/event.ics").status_code == 404
    assert client.get("/en/events/helong-jindallae-festival/event.ics").status_code == 404
    assert b"BEGIN:VEVENT" not in client.get("/en/events/feed.ics").content  # the launch is past: not coming
