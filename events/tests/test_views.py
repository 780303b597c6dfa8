"""What's on as a visitor sees it, on a day the tests choose: lists, filters, pages, calendars, drafts."""

import datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from attractions.tests.factories import make_attraction
from events.models import EventKind, Recurrence, years_before
from events.tests.factories import make_event
from listings.models import Status
from listings.tests.factories import make_region
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

MAY_31 = datetime.date(2026, 5, 31)
JUNE_1 = datetime.date(2026, 6, 1)


@pytest.fixture
def today(set_day):
    """Sets the day the views see (they read the portal's clock)."""
    set_day(MAY_31)
    return set_day


@pytest.fixture
def events():
    hunchun, helong = make_region("hunchun"), make_region("helong")
    fangchuan = make_attraction(region=hunchun, slug="fangchuan", name_en="Fangchuan")
    jindallae = make_village(region=helong, slug="jindallae", name_en="Jindallae")
    return {
        "ceremony": make_event(
            region=hunchun,
            slug="ceremony",
            name_en="Launch ceremony",
            kind=EventKind.CEREMONY,
            recurrence=Recurrence.ONCE,
            starts_on=datetime.date(2026, 5, 30),
            ends_on=datetime.date(2026, 5, 31),
            usual_month_start=None,
        ),
        "azaleas": make_event(
            village=jindallae, slug="azaleas", name_en="Azalea festival", usual_month_start=4, usual_month_end=5
        ),
        "lotus": make_event(
            attraction=fangchuan,
            slug="lotus",
            name_en="Red lotus bloom",
            kind=EventKind.SEASON,
            usual_month_start=7,
            usual_month_end=8,
        ),
        "race": make_event(
            region=hunchun,
            slug="race",
            name_en="Border marathon",
            kind=EventKind.SPORTS,
            starts_on=datetime.date(2026, 6, 14),
            start_time=datetime.time(7, 30),
            end_time=datetime.time(13, 0),
            usual_month_start=6,
        ),
        "draft": make_event(
            region=hunchun,
            slug="draft",
            name_en="Secret party",
            starts_on=datetime.date(2026, 6, 2),
            status=Status.DRAFT,
        ),
    }


def names(response):
    return [event.name_en for event in response.context["object_list"]]


def test_coming_events_first_and_a_past_event_leaves_the_list(client, events, today):
    assert names(client.get("/en/events/")) == [
        "Azalea festival",
        "Launch ceremony",
        "Border marathon",
        "Red lotus bloom",
    ]
    today(JUNE_1)
    assert names(client.get("/en/events/")) == ["Border marathon", "Red lotus bloom", "Azalea festival"]


def test_a_past_event_keeps_its_page_marked_as_past(client, events, today):
    page = client.get("/en/events/ceremony/").content.decode()
    assert "This event is over." not in page
    today(JUNE_1)
    response = client.get("/en/events/ceremony/")
    assert response.status_code == 200
    assert "This event is over." in response.content.decode()
    assert "May 30, 2026 to May 31, 2026" in response.content.decode()


def test_a_yearly_event_without_dates_shows_its_usual_month(client, events, today):
    page = client.get("/en/events/").content.decode()
    assert "Usually from April to May; dates not yet announced" in page
    make_event(slug="may-only", name_en="May only", usual_month_start=5, usual_month_end=5)
    assert "Usually in May; dates not yet announced" in client.get("/en/events/may-only/").content.decode()
    make_event(slug="from-may", name_en="From May", usual_month_start=5, usual_month_end=None)
    assert "Usually starts in May; dates not yet announced" in client.get("/en/events/from-may/").content.decode()


def test_this_month_and_next_month_across_the_month_boundary(client, events, today):
    assert names(client.get("/en/events/", {"month": "this"})) == ["Azalea festival", "Launch ceremony"]
    assert names(client.get("/en/events/", {"month": "next"})) == ["Border marathon"]
    today(JUNE_1)
    assert names(client.get("/en/events/", {"month": "this"})) == ["Border marathon"]
    assert names(client.get("/en/events/", {"month": "next"})) == ["Red lotus bloom"]
    assert names(client.get("/en/events/", {"month": "5"})) == ["Azalea festival"]  # next May


def test_filter_by_county_and_kind_with_counts(client, events, today):
    response = client.get("/en/events/", {"county": "hunchun", "kind": ["season", "sports"]})
    assert names(response) == ["Border marathon", "Red lotus bloom"]
    groups = {group.name: {o.value: o.count for o in group.options} for group in response.context["facet_groups"]}
    assert groups["county"]["helong"] == 0
    assert groups["kind"]["ceremony"] == 1  # what ticking it would add in Hunchun
    assert groups["month"]["next"] == 1
    labels = [chip.label for chip in response.context["chips"]]
    assert "Sports event" in labels and "Season or bloom" in labels


def test_bad_filter_values_are_left_out(client, events, today):
    response = client.get("/en/events/", {"month": "13", "kind": "rave", "county": "atlantis"})
    assert response.status_code == 200
    assert len(names(response)) == 4
    assert "is not known and was left out" in response.content.decode() or response.context["filter_problems"]


def test_the_event_list_costs_the_same_queries_with_more_events(client, events, today, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as few:
        client.get("/en/events/", {"county": "hunchun"})
    region = make_region("hunchun")
    for n in range(10):
        make_event(region=region, slug=f"more-{n}", usual_month_start=n % 12 + 1)
    with django_assert_max_num_queries(len(few)):
        client.get("/en/events/", {"county": "hunchun"})


def test_place_pages_show_their_coming_events(client, events, today):
    page = client.get("/en/attractions/fangchuan/").content.decode()
    assert "Red lotus bloom" in page
    assert "Launch ceremony" in page  # held across Hunchun
    assert "Secret party" not in page
    assert "Azalea festival" in client.get("/en/villages/jindallae/").content.decode()
    today(JUNE_1)
    assert "Launch ceremony" not in client.get("/en/attractions/fangchuan/").content.decode()


def test_the_home_page_shows_this_months_events(client, events, today):
    page = client.get("/en/").content.decode()
    assert "What&#x27;s on this month" in page or "What's on this month" in page
    assert "Launch ceremony" in page and "Azalea festival" in page
    assert "Border marathon" not in page
    today(JUNE_1)
    page = client.get("/en/").content.decode()
    assert "Border marathon" in page and "Launch ceremony" not in page


# iCalendar ---------------------------------------------------------------------------------------


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_an_all_day_event_downloads_with_its_dates(client, events, today):
    response = client.get("/en/events/ceremony/event.ics")
    assert 'filename="ceremony.ics"' in response["Content-Disposition"]
    (vevent,) = parse(response).walk("VEVENT")
    assert vevent["SUMMARY"] == "Launch ceremony"
    assert vevent.decoded("DTSTART") == datetime.date(2026, 5, 30)
    assert vevent.decoded("DTEND") == datetime.date(2026, 6, 1)  # the day after the last, as RFC 5545 says
    assert vevent["STATUS"] == "CONFIRMED"
    assert str(vevent["URL"]).endswith("/en/events/ceremony/")


def test_a_timed_event_downloads_in_beijing_time(client, events, today):
    (vevent,) = parse(client.get("/en/events/race/event.ics")).walk("VEVENT")
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert (start.date(), start.hour, start.minute) == (datetime.date(2026, 6, 14), 7, 30)
    assert start.utcoffset() == datetime.timedelta(hours=8)
    assert end.hour == 13
    assert vevent["LOCATION"] == "Hunchun"


def test_a_yearly_event_known_only_by_its_usual_months_has_no_calendar_file(client, events, today):
    """Usual months ("July to August") are not dates: no download link, and the .ics answers a clear 404."""
    response = client.get("/en/events/lotus/event.ics")
    assert response.status_code == 404
    page = response.content.decode()
    assert "No calendar file yet" in page and "are not announced yet" in page
    assert 'href="/en/events/lotus/"' in page
    assert "event.ics" not in client.get("/en/events/lotus/").content.decode()
    assert "event.ics" in client.get("/en/events/race/").content.decode()


def test_an_event_without_any_date_has_no_calendar_file(client, today):
    make_event(slug="someday", usual_month_start=None)
    assert client.get("/en/events/someday/event.ics").status_code == 404
    assert "event.ics" not in client.get("/en/events/someday/").content.decode()


def test_a_filtered_list_subscribes_as_a_feed(client, events, today):
    calendar = parse(client.get("/en/events/feed.ics", {"county": "hunchun", "kind": "sports"}))
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Border marathon"]
    everything = parse(client.get("/en/events/feed.ics"))
    summaries = {str(v["SUMMARY"]) for v in everything.walk("VEVENT")}
    # The azalea festival and the lotus bloom have usual months only: never a guessed month range.
    assert summaries == {"Launch ceremony", "Border marathon"}
    assert all(v["STATUS"] == "CONFIRMED" for v in everything.walk("VEVENT"))
    assert everything.walk("VTIMEZONE")  # the timed event's time zone travels with it
    page = client.get("/en/events/", {"county": "hunchun"}).content.decode()
    assert 'href="/en/events/feed.ics?county=hunchun"' in page


# Drafts ------------------------------------------------------------------------------------------


def test_a_draft_event_is_absent_everywhere(client, events, today):
    assert client.get("/en/events/draft/").status_code == 404
    assert client.get("/en/events/draft/event.ics").status_code == 404
    assert "Secret party" not in client.get("/en/events/").content.decode()
    assert "Secret party" not in client.get("/en/events/", {"month": "next"}).content.decode()
    assert b"Secret party" not in client.get("/en/events/feed.ics").content
    assert "Secret party" not in client.get("/en/").content.decode()
    assert "Secret party" not in client.get("/en/search/", {"q": "Secret"}).content.decode()
    assert "Secret party" not in client.get("/en/attractions/fangchuan/").content.decode()


def test_search_finds_coming_events(client, events, today):
    page = client.get("/en/search/", {"q": "marathon"}).content.decode()
    assert 'href="/en/events/race/"' in page


# Unconfirmed recurrence, lapsed events, on any day of the year ----------------------------------

LANGUAGE_PREFIXES = [("", "zh-hans"), ("/en", "en"), ("/ko", "ko"), ("/ru", "ru")]


@pytest.fixture
def this_months_events(any_day):
    """Three events usually held in the month of `any_day`: yearly and seen last year, yearly but last seen
    three years ago, and one whose yearly recurrence no source confirms."""
    region = make_region("tumen")
    return {
        "recent": make_event(
            region=region,
            slug="recent",
            name_en="Recent festival",
            usual_month_start=any_day.month,
            last_held_on=years_before(any_day, 1),
        ),
        "lapsed": make_event(
            region=region,
            slug="lapsed",
            name_en="Lapsed festival",
            usual_month_start=any_day.month,
            last_held_on=years_before(any_day, 3),
        ),
        "unconfirmed": make_event(
            region=region,
            slug="unconfirmed",
            name_en="Unconfirmed festival",
            recurrence=Recurrence.UNCONFIRMED,
            usual_month_start=any_day.month,
            last_held_on=years_before(any_day, 1),
        ),
    }


def test_unconfirmed_recurrence_is_never_shown_as_every_year(client, this_months_events, any_day):
    for prefix, language in LANGUAGE_PREFIXES:
        with translation.override(language):
            every_year, not_confirmed = gettext("Every year"), gettext("Recurrence not confirmed")
        # What the facts list says under "Held" (in Chinese and Korean one label begins the other).
        page = client.get(f"{prefix}/events/unconfirmed/").content.decode()
        assert f"<dd>{not_confirmed}</dd>" in page and f"<dd>{every_year}</dd>" not in page, language
        assert f"<dd>{every_year}</dd>" in client.get(f"{prefix}/events/recent/").content.decode(), language
    card = client.get("/en/events/").content.decode()
    assert "in past editions; recurrence not confirmed" in card
    assert "Usually starts in" in card  # the yearly one still says when it is usually held


def test_a_lapsed_event_says_when_it_was_last_held_and_leaves_this_month(client, this_months_events, any_day):
    lapsed_year = any_day.year - 3
    for prefix, language in LANGUAGE_PREFIXES:
        with translation.override(language):
            warning = gettext("Last held in %(year)s — may no longer take place") % {"year": lapsed_year}
        assert warning in client.get(f"{prefix}/events/lapsed/").content.decode(), language
        listed = client.get(f"{prefix}/events/").content.decode()
        assert warning in listed, language  # on its card in the list of all coming events
        assert listed.count(warning) == 1, language  # and on no other card
    this_month = names(client.get("/en/events/", {"month": "this"}))
    assert "Recent festival" in this_month
    assert "Lapsed festival" not in this_month and "Unconfirmed festival" not in this_month
    assert "Lapsed festival" not in names(client.get("/en/events/", {"month": str(any_day.month)}))
    home = client.get("/en/").content.decode()
    assert "Recent festival" in home
    assert "Lapsed festival" not in home and "Unconfirmed festival" not in home


def test_a_lapsed_event_comes_back_when_its_dates_are_announced(client, this_months_events, any_day):
    lapsed = this_months_events["lapsed"]
    lapsed.starts_on = any_day
    lapsed.save()
    assert "may no longer take place" not in client.get("/en/events/lapsed/").content.decode()
    assert "Lapsed festival" in names(client.get("/en/events/", {"month": "this"}))
    assert "Lapsed festival" in client.get("/en/").content.decode()


def test_only_announced_dates_go_into_a_calendar(client, this_months_events, any_day):
    for slug in ("recent", "lapsed", "unconfirmed"):
        response = client.get(f"/en/events/{slug}/event.ics")
        assert response.status_code == 404, slug
        assert "No calendar file yet" in response.content.decode()
        assert "event.ics" not in client.get(f"/en/events/{slug}/").content.decode()
    assert not parse(client.get("/en/events/feed.ics")).walk("VEVENT")
    announced = make_event(slug="announced", name_en="Announced", starts_on=any_day, usual_month_start=None)
    response = client.get("/en/events/announced/event.ics")
    (vevent,) = parse(response).walk("VEVENT")
    assert vevent.decoded("DTSTART") == any_day
    assert vevent.decoded("DTEND") == any_day + datetime.timedelta(days=1)
    assert announced.get_ics_url() in client.get("/en/events/announced/").content.decode()
    feed = parse(client.get("/en/events/feed.ics"))
    assert [str(v["SUMMARY"]) for v in feed.walk("VEVENT")] == ["Announced"]
