"""Coming and past, this month and next, judged on a day the tests choose (never the clock)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from attractions.tests.factories import make_attraction
from events.models import Event, Recurrence
from events.tests.factories import make_event
from listings.tests.factories import make_region

pytestmark = pytest.mark.django_db

MAY_31 = datetime.date(2026, 5, 31)
JUNE_1 = datetime.date(2026, 6, 1)


def slugs(queryset):
    return {event.slug for event in queryset}


@pytest.fixture
def may_events():
    return {
        # A one-off event on the last two days of May.
        "ceremony": make_event(
            slug="ceremony",
            recurrence=Recurrence.ONCE,
            starts_on=datetime.date(2026, 5, 30),
            ends_on=datetime.date(2026, 5, 31),
            usual_month_start=None,
        ),
        # A yearly event whose dates are not announced: usually in May.
        "azaleas": make_event(slug="azaleas", usual_month_start=5),
        # A yearly event with announced dates in June.
        "midsummer": make_event(
            slug="midsummer",
            starts_on=datetime.date(2026, 6, 20),
            ends_on=datetime.date(2026, 6, 21),
            usual_month_start=6,
        ),
    }


def test_on_the_last_day_of_may_the_one_off_event_is_still_coming(may_events):
    assert slugs(Event.objects.coming(MAY_31)) == {"ceremony", "azaleas", "midsummer"}
    assert slugs(Event.objects.in_month(2026, 5, MAY_31)) == {"ceremony", "azaleas"}
    assert slugs(Event.objects.in_month(2026, 6, MAY_31)) == {"midsummer"}
    assert may_events["ceremony"].when(MAY_31).state == "dated"


def test_on_the_first_of_june_the_one_off_event_is_past(may_events):
    assert slugs(Event.objects.coming(JUNE_1)) == {"azaleas", "midsummer"}
    assert slugs(Event.objects.past(JUNE_1)) == {"ceremony"}
    assert may_events["ceremony"].when(JUNE_1).state == "past"
    # "This month" is now June; May comes round again next year for the yearly event only.
    assert slugs(Event.objects.in_month(2026, 6, JUNE_1)) == {"midsummer"}
    assert slugs(Event.objects.in_month(2027, 5, JUNE_1)) == {"azaleas"}


def test_coming_first_across_the_month_boundary(may_events):
    def order(today):
        return [(e.slug, e.next_date) for e in Event.objects.coming(today).in_date_order(today)]

    assert order(MAY_31) == [
        ("azaleas", datetime.date(2026, 5, 1)),  # its usual month is under way
        ("ceremony", datetime.date(2026, 5, 30)),
        ("midsummer", datetime.date(2026, 6, 20)),
    ]
    assert order(JUNE_1) == [("midsummer", datetime.date(2026, 6, 20)), ("azaleas", datetime.date(2027, 5, 1))]


def test_a_yearly_event_whose_dates_have_passed_shows_its_usual_month_again(may_events):
    midsummer = may_events["midsummer"]
    july = datetime.date(2026, 7, 1)
    assert midsummer.when(july).state == "usual"
    assert "midsummer" in slugs(Event.objects.coming(july))
    assert "midsummer" in slugs(Event.objects.in_month(2027, 6, july))
    assert Event.objects.with_next_date(july).get(slug="midsummer").next_date == datetime.date(2027, 6, 1)


def test_a_season_over_the_new_year_is_on_in_every_month_of_it():
    make_event(slug="snow", usual_month_start=11, usual_month_end=4)
    january = datetime.date(2027, 1, 15)
    for month, expected in [(11, True), (12, True), (1, True), (4, True), (5, False), (10, False)]:
        assert ("snow" in slugs(Event.objects.in_month(2027, month, january))) is expected, month
    event = Event.objects.with_next_date(january).get(slug="snow")
    assert event.next_date == datetime.date(2027, 1, 1)


def test_an_event_without_any_date_is_coming_but_in_no_month():
    make_event(slug="someday", usual_month_start=None)
    today = datetime.date(2026, 3, 1)
    assert "someday" in slugs(Event.objects.coming(today))
    assert not any("someday" in slugs(Event.objects.in_month(2026, m, today)) for m in range(3, 13))
    assert Event.objects.with_next_date(today).get(slug="someday").next_date is None


def test_an_event_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        make_event(starts_on=datetime.date(2026, 5, 2), ends_on=datetime.date(2026, 5, 1))


def test_the_county_follows_the_place():
    hunchun, tumen = make_region("hunchun"), make_region("tumen")
    attraction = make_attraction(region=hunchun)
    event = Event(name="x", name_zh_hans="x", slug="x", kind="festival", attraction=attraction)
    event.clean()
    assert event.region == hunchun
    event.region = tumen
    with pytest.raises(ValidationError):
        event.clean()


# Recurrence and lapsed events -------------------------------------------------------------------


def test_a_new_event_says_its_recurrence_is_not_confirmed_until_an_editor_sets_it():
    event = Event.objects.create(name="x", name_zh_hans="x", slug="x", kind="festival", usual_month_start=5)
    assert event.recurrence == Recurrence.UNCONFIRMED
    assert event.get_recurrence_display() == "是否每年举办尚未确认"  # the default language


def test_an_unconfirmed_event_shows_its_months_but_is_expected_in_none():
    make_event(slug="maybe", recurrence=Recurrence.UNCONFIRMED, usual_month_start=5, usual_month_end=6)
    make_event(slug="yearly", usual_month_start=5, usual_month_end=6)
    event = Event.objects.get(slug="maybe")
    schedule = event.when(MAY_31)
    assert (schedule.state, schedule.month_start, schedule.month_end) == ("unconfirmed", 5, 6)
    assert not schedule.has_announced_dates
    assert slugs(Event.objects.in_month(2026, 5, MAY_31)) == {"yearly"}
    assert "maybe" in slugs(Event.objects.coming(MAY_31))
    assert Event.objects.with_next_date(MAY_31).get(slug="maybe").next_date is None


@pytest.mark.parametrize(
    ("today", "last_held_on", "lapsed_year"),
    [
        (datetime.date(2027, 1, 15), datetime.date(2025, 1, 15), None),  # exactly two years: not yet
        (datetime.date(2027, 1, 15), datetime.date(2025, 1, 14), 2025),
        (datetime.date(2027, 1, 15), datetime.date(2019, 8, 15), 2019),
        (datetime.date(2028, 2, 29), datetime.date(2026, 2, 28), None),  # a leap day counts from 28 February
        (datetime.date(2028, 2, 29), datetime.date(2026, 2, 27), 2026),
        (datetime.date(2027, 1, 15), None, None),  # no edition on record: unknown, not lapsed
    ],
)
def test_an_event_lapses_when_its_latest_edition_is_over_two_years_old(today, last_held_on, lapsed_year):
    event = make_event(slug="festival", usual_month_start=today.month, last_held_on=last_held_on)
    assert event.when(today).lapsed_year == lapsed_year
    # The queryset draws the same line: a lapsed event is not expected this month.
    expected = set() if lapsed_year else {"festival"}
    assert slugs(Event.objects.in_month(today.year, today.month, today)) == expected


def test_announced_dates_outweigh_an_old_last_edition():
    today = datetime.date(2027, 1, 15)
    make_event(slug="back", usual_month_start=1, last_held_on=datetime.date(2019, 1, 10), starts_on=today)
    make_event(slug="was-back", usual_month_start=1, starts_on=datetime.date(2026, 1, 20))
    make_event(slug="long-ago", usual_month_start=1, starts_on=datetime.date(2019, 1, 20))
    assert Event.objects.get(slug="back").when(today).state == "dated"
    assert Event.objects.get(slug="was-back").when(today).lapsed_year is None
    assert Event.objects.get(slug="long-ago").when(today).lapsed_year == 2019
    assert slugs(Event.objects.in_month(2027, 1, today)) == {"back", "was-back"}
    order = [event.slug for event in Event.objects.coming(today).in_date_order(today)]
    assert order == ["was-back", "back", "long-ago"]  # the lapsed one has no next date: last


def test_a_one_off_event_is_past_not_lapsed():
    event = make_event(
        slug="launch", recurrence=Recurrence.ONCE, starts_on=datetime.date(2019, 9, 28), usual_month_start=None
    )
    schedule = event.when(datetime.date(2027, 1, 15))
    assert (schedule.state, schedule.lapsed_year) == ("past", None)
