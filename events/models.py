"""What's on along the corridor: festivals, folk celebrations, winter and sports events, fairs, ceremonies.

Every rule about "coming" and "past" takes the day it is judged on (`today`) as an argument; views
pass `clock.today()`, tests pass fixed dates.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, DateField, F, Func, Q, Value, When
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from listings.i18n import month_in_sentence
from listings.links import slug_url
from listings.models import (
    SLUG_HELP_TEXT,
    Confidence,
    PublishableModel,
    PublishableQuerySet,
    Region,
    Source,
    Status,
    years_before,
)
from listings.places import AtPlace
from listings.search import SearchableModel, SearchableQuerySet, search_indexes

MONTH_CHOICES = list(MONTHS.items())


class EventKind(models.TextChoices):
    FESTIVAL = "festival", _("Festival")
    FOLK = "folk", _("Folk celebration")
    WINTER = "winter", _("Winter event")
    SPORTS = "sports", _("Sports event")
    FAIR = "fair", _("Fair")
    CEREMONY = "ceremony", _("Ceremony")
    SEASON = "season", _("Season or bloom")


class Recurrence(models.TextChoices):
    ANNUAL = "annual", _("Every year")
    ONCE = "once", _("Once")
    # Most festival sources report one edition: "every year" is a fact only where a source says so.
    UNCONFIRMED = "unconfirmed", _("Recurrence not confirmed")


# An event whose latest known edition is older than this (and has no dates announced) may have lapsed.
LAPSED_AFTER_YEARS = 2


def first_of_month(year, month):
    return datetime.date(year, month, 1)


def add_months(year, month, months):
    """(year, month) `months` later."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def month_window(year, month):
    """The first and last day of a month."""
    next_year, next_month = add_months(year, month, 1)
    return first_of_month(year, month), first_of_month(next_year, next_month) - datetime.timedelta(days=1)


def next_month_of_year(month, today):
    """(year, month): the next time `month` comes round, this month included."""
    return (today.year if month >= today.month else today.year + 1), month


def lapsed_before(today):
    """An event whose latest edition started before this day may no longer take place."""
    return years_before(today, LAPSED_AFTER_YEARS)


# Conditions in SQL -------------------------------------------------------------------------------


def dates_current(today):
    """Events with announced dates that have not ended before `today`."""
    return Q(starts_on__isnull=False) & (Q(ends_on__gte=today) | Q(ends_on__isnull=True, starts_on__gte=today))


def is_past(today):
    """Events that are over: one-off events whose dates ended before `today`.

    A yearly event is never over: once its announced dates have passed it shows its usual month again.
    """
    return Q(recurrence=Recurrence.ONCE, starts_on__isnull=False) & ~dates_current(today)


def lapsed(today):
    """Events with no coming dates whose latest edition (last seen, or dates now past) is over two years old.

    A one-off event is past, not lapsed; an event with no edition on record is unknown, not lapsed.
    """
    cutoff = lapsed_before(today)
    return (
        ~Q(recurrence=Recurrence.ONCE)
        & ~dates_current(today)
        & (Q(last_held_on__isnull=False) | Q(starts_on__isnull=False))
        & (Q(last_held_on__isnull=True) | Q(last_held_on__lt=cutoff))
        & (Q(starts_on__isnull=True) | Q(starts_on__lt=cutoff))
    )


def usual_span_covers(month):
    """Yearly events whose usual months include `month` (a span may run over the new year)."""
    single = Q(usual_month_end__isnull=True) | Q(usual_month_end=F("usual_month_start"))
    forward = Q(usual_month_end__gt=F("usual_month_start"))
    wrapping = Q(usual_month_end__lt=F("usual_month_start"))
    return (
        (single & Q(usual_month_start=month))
        | (forward & Q(usual_month_start__lte=month, usual_month_end__gte=month))
        | (wrapping & (Q(usual_month_start__lte=month) | Q(usual_month_end__gte=month)))
    )


def expected_in_usual_months(today):
    """Yearly events without coming dates, still held lately: their usual months say when they come round."""
    return Q(recurrence=Recurrence.ANNUAL, usual_month_start__isnull=False) & ~dates_current(today) & ~lapsed(today)


def happening_in(year, month, today):
    """Coming events that take place in a month: by their dates, else (yearly, not lapsed) by their usual months.

    An event whose recurrence is not confirmed, or that has not been seen for over two years, is not
    expected in any month until its dates are announced.
    """
    start, end = month_window(year, month)
    by_dates = dates_current(today) & Q(starts_on__lte=end) & (Q(ends_on__gte=start) | Q(starts_on__gte=start))
    return by_dates | (expected_in_usual_months(today) & usual_span_covers(month))


class MakeDate(Func):
    function = "make_date"
    output_field = DateField()


class EventQuerySet(SearchableQuerySet, PublishableQuerySet):
    def coming(self, today):
        """Events not over on `today`: dated ones still to come or under way, and yearly ones."""
        return self.exclude(is_past(today))

    def past(self, today):
        return self.filter(is_past(today))

    def in_month(self, year, month, today):
        return self.filter(happening_in(year, month, today))

    def at_place(self, place):
        """Events at this attraction or village."""
        return self.filter(Event.at(place))

    def for_place_page(self, place, today, limit=6):
        """Coming events at this attraction or village, and those held across its whole county, coming first."""
        county_wide = Q(region_id=place.region_id, attraction__isnull=True, village__isnull=True)
        return (
            self.coming(today)
            .filter(Event.at(place) | county_wide)
            .select_related("region")
            .in_date_order(today)[:limit]
        )

    def with_next_date(self, today):
        """Annotate `next_date`: when the event next starts (a usual month counts from its first day).

        An event under way on `today` counts from its start; a yearly event whose usual months
        include this month counts from the first of this month. Unknown dates give NULL, and so does
        a lapsed event's or an unconfirmed one's usual month.
        """
        this_month = Value(first_of_month(today.year, today.month))
        this_year_start = MakeDate(Value(today.year), F("usual_month_start"), Value(1))
        next_year_start = MakeDate(Value(today.year + 1), F("usual_month_start"), Value(1))
        usual = expected_in_usual_months(today)
        return self.annotate(
            next_date=Case(
                When(dates_current(today), then=F("starts_on")),
                When(usual & usual_span_covers(today.month), then=this_month),
                When(usual & Q(usual_month_start__gt=today.month), then=this_year_start),
                When(usual, then=next_year_start),
                When(lapsed(today), then=None),
                When(starts_on__isnull=False, then=F("starts_on")),
                default=None,
                output_field=DateField(),
            )
        )

    def in_date_order(self, today):
        """Coming first: by the next date, unknown dates last."""
        return self.with_next_date(today).order_by(F("next_date").asc(nulls_last=True), "search_pinyin", "slug")

    def for_list_page(self):
        return self.without_long_texts().select_related("region", "attraction", "village")

    def for_detail_page(self):
        return self.select_related("region", "attraction__region", "village__region").prefetch_related("sources")


@dataclass
class Schedule:
    """When an event takes place, as it stands on a given day.

    state: "dated" (dates announced and not over), "usual" (yearly, dates not yet announced),
    "unconfirmed" (months of past editions, recurrence not confirmed, dates not announced),
    "past" (over), "unknown" (no date and no usual month).
    lapsed_year: the year of the latest edition known when that is over two years ago (it may no
    longer take place), else None.
    """

    state: str
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    month_start: int | None = None
    month_end: int | None = None
    lapsed_year: int | None = None

    @property
    def has_announced_dates(self):
        """Whether the schedule rests on announced dates (the only ones a calendar file may hold)."""
        return self.state in ("dated", "past")

    @property
    def month_start_label(self):
        return month_in_sentence(self.month_start)

    @property
    def month_end_label(self):
        return month_in_sentence(self.month_end)

    @property
    def is_single_month(self):
        return self.month_end is None or self.month_end == self.month_start

    @property
    def is_single_day(self):
        return self.ends_on is None or self.ends_on == self.starts_on


class Event(SearchableModel, PublishableModel, AtPlace):
    """Something happening along the corridor on given dates, or usually in given months."""

    place_related_name = "events"

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=SLUG_HELP_TEXT,
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for lists."))
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, db_index=True)
    recurrence = models.CharField(
        _("held"),
        max_length=20,
        choices=Recurrence.choices,
        default=Recurrence.UNCONFIRMED,
        help_text=_(
            "“Every year” only where a source says so (or editions are reported year after year). “Recurrence not "
            "confirmed” when a source reports one edition or a few, or when yearly is only assumed: the site then "
            "says so, and the event is not expected in its months until its dates are announced."
        ),
    )
    starts_on = models.DateField(
        _("starts on"), null=True, blank=True, help_text=_("Leave empty until the dates are announced.")
    )
    ends_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("Empty for a one-day event."))
    start_time = models.TimeField(
        _("starts at"), null=True, blank=True, help_text=_("Local time (Beijing time). Empty for an all-day event.")
    )
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    usual_month_start = models.PositiveSmallIntegerField(
        _("usually starts in"),
        choices=MONTH_CHOICES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("For a yearly event: shown while this year's dates are not announced."),
    )
    usual_month_end = models.PositiveSmallIntegerField(
        _("usually ends in"),
        choices=MONTH_CHOICES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "The same month for a one-month event; empty when no source says how long it lasts. May be earlier "
            "than the start month for a season over the new year (November to April)."
        ),
    )
    first_year = models.PositiveSmallIntegerField(_("first held in"), null=True, blank=True)
    last_held_on = models.DateField(
        _("last edition seen"),
        null=True,
        blank=True,
        help_text=_(
            "The start of the latest edition a source reports. When it is more than two years old and no dates "
            "are announced, the site says the event may no longer take place."
        ),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("county or city"),
        help_text=_("Filled from the attraction or village when one is chosen."),
    )
    area = models.CharField(
        _("wider area"),
        max_length=200,
        blank=True,
        help_text=_("Where, in words, when the event spans more than one county (e.g. all of Yanbian)."),
    )
    price = models.DecimalField(
        _("price (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty when unknown; 0 means free."),
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    organiser_url = models.URLField(_("organiser's web page"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"), related_name="events")
    confidence = models.CharField(_("confidence of the facts"), max_length=10, choices=Confidence.choices, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", _("Can publish and unpublish events"))]
        ordering = ["usual_month_start", "starts_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=False, ends_on__gte=F("starts_on")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True) | Q(starts_on__isnull=False),
                name="event_time_needs_a_date",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False), name="event_end_time_needs_start"
            ),
            models.CheckConstraint(
                condition=Q(usual_month_start__isnull=True) | Q(usual_month_start__gte=1, usual_month_start__lte=12),
                name="event_usual_month_start_1_to_12",
            ),
            models.CheckConstraint(
                condition=Q(usual_month_end__isnull=True)
                | Q(usual_month_start__isnull=False, usual_month_end__gte=1, usual_month_end__lte=12),
                name="event_usual_month_end_1_to_12",
            ),
            models.CheckConstraint(
                condition=AtPlace.AT_MOST_ONE_PLACE,
                name="event_at_most_one_place",
                violation_error_message=_("An event takes place at one attraction or one village, not both."),
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="event_price_not_negative"),
        ]
        indexes = search_indexes("event")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("events:detail", self.slug)

    def get_ics_url(self):
        return reverse("events:ics", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        place = super().place
        if place is not None:
            if self.region_id is None:
                self.region = place.region
            elif self.region_id != place.region_id:
                raise ValidationError({"region": _("The county must be the county of the attraction or village.")})
        if self.end_time and self.start_time and self.is_single_day and self.end_time < self.start_time:
            raise ValidationError({"end_time": _("A one-day event cannot end before it starts.")})
        problems = self.publication_problems() if self.status == Status.PUBLISHED else []
        if problems:
            raise ValidationError({self.place_field_name: problems})

    def publication_problems(self):
        place = super().place
        if place is None or place.is_published:
            return []
        return [
            _(
                "“%(place)s” is not published yet: an event is published only at a published attraction or "
                "village. Publish the place first, or give only its county."
            )
            % {"place": place}
        ]

    @property
    def venue(self):
        """The attraction or village visitors may see; None when there is none, or it is not published (any more):
        its name, address and link then stay private, and the event shows its county instead."""
        place = super().place
        return place if place is not None and place.is_published else None

    @property
    def place(self):
        """The published attraction or village, else the county (None when only a wider area is known).

        Unlike AtPlace.place (the attraction or village chosen, published or not): this is what visitors see."""
        return self.venue or self.region

    @property
    def is_single_day(self):
        return self.ends_on is None or self.ends_on == self.starts_on

    @property
    def is_timed(self):
        return self.start_time is not None

    def when(self, today):
        """When the event takes place, as it stands on `today` (the same rules as the querysets)."""
        if self.starts_on is not None:
            last_day = self.ends_on or self.starts_on
            if last_day >= today:
                return Schedule("dated", self.starts_on, self.ends_on)
            if self.recurrence == Recurrence.ONCE:
                return Schedule("past", self.starts_on, self.ends_on)
        lapsed_year = self.lapsed_year(today)
        if self.usual_month_start and self.recurrence in (Recurrence.ANNUAL, Recurrence.UNCONFIRMED):
            state = "usual" if self.recurrence == Recurrence.ANNUAL else "unconfirmed"
            return Schedule(
                state, month_start=self.usual_month_start, month_end=self.usual_month_end, lapsed_year=lapsed_year
            )
        return Schedule("unknown", lapsed_year=lapsed_year)

    def lapsed_year(self, today):
        """The year of the latest edition known if it is over two years before `today` (as `lapsed`), else None.

        Called when no dates are coming; a one-off event is past, not lapsed.
        """
        if self.recurrence == Recurrence.ONCE:
            return None
        editions = [day for day in (self.last_held_on, self.starts_on) if day is not None]
        if not editions or max(editions) >= lapsed_before(today):
            return None
        return max(editions).year

    def is_past_on(self, today):
        return self.when(today).state == "past"
