"""Coming and past, this month and next, judged on a day the tests choose (never the clock)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from attractions.tests.factories import make_attraction
from corridor_portal.tests.factories import make_region
from events.models import Event, Recurrence
from events.tests.factories import make_event

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
