from dataclasses import dataclass, field

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from listings.fields import ChoiceArrayField
from listings.geometry import great_circle_km
from listings.links import slug_url
from listings.models import (
    SLUG_HELP_TEXT,
    PublishableModel,
    PublishableQuerySet,
    Region,
    SeasonsMixin,
    Status,
    Theme,
    choice_labels,
    seasons_field,
)
from listings.places import AtPlace
from listings.search import SearchableModel, SearchableQuerySet, search_indexes
from photos.models import PhotographedMixin, PhotoModel, card_photos


class Transport(models.TextChoices):
    SELF_DRIVE = "self-drive", _("Self-drive")
    COACH = "coach", _("Coach")
    RAIL_AND_COACH = "rail-coach", _("Rail and coach")


def route_stops_in(slugs):
    """Ids of the routes with a stop at a published place in one of these counties."""
    published = Status.PUBLISHED
    return RouteStop.objects.filter(
        Q(attraction__region__slug__in=slugs, attraction__status=published)
        | Q(village__region__slug__in=slugs, village__status=published)
    ).values("day__route_id")


def passes_through(slugs):
    """Q for the routes that start, end or stop in one of these counties."""
    return Q(start_region__slug__in=slugs) | Q(end_region__slug__in=slugs) | Q(pk__in=route_stops_in(slugs))


class RouteQuerySet(SearchableQuerySet, PublishableQuerySet):
    def along_corridor(self):
        """West to east by where the tour starts, shorter tours first."""
        return self.order_by("start_region__corridor_order", "duration_days", "slug")

    def passing_through(self, slugs):
        return self.filter(passes_through(slugs))

    def stopping_at(self, place):
        """Border Tours with a stop at this attraction or village."""
        stops = RouteStop.objects.filter(RouteStop.at(place))
        # A subquery, not a join with DISTINCT: that compares every selected column, the long texts included.
        return self.filter(pk__in=stops.values("day__route_id")).without_long_texts()

    def for_list_page(self):
        return (
            self.without_long_texts()
            .select_related("start_region", "end_region", "start_hub")
            .prefetch_related(card_photos())
        )

    def for_map(self):
        """Routes with their stops' places, for a line on the map."""
        return self.for_detail_page()

    def for_detail_page(self):
        """The route with its days and their ordered stops, each stop with its place."""
        stops = RouteStop.objects.select_related("attraction__region", "village__region").order_by("position", "id")
        return self.select_related("start_region", "end_region", "start_hub").prefetch_related(
            "photos",
            Prefetch("days", queryset=RouteDay.objects.order_by("number").prefetch_related(Prefetch("stops", stops))),
        )


class Route(SeasonsMixin, PhotographedMixin, SearchableModel, PublishableModel):
    """A Border Tour: the province's multi-day route along the corridor."""

    pinyin_source = "title"

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=SLUG_HELP_TEXT,
    )
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    duration_days = models.PositiveSmallIntegerField(
        _("number of days"), validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    themes = ChoiceArrayField(
        models.CharField(max_length=20, choices=Theme.choices), verbose_name=_("themes"), default=list, blank=True
    )
    best_seasons = seasons_field()
    transport = models.CharField(
        _("transport"),
        max_length=20,
        choices=Transport.choices,
        blank=True,
        help_text=_("Leave empty when it is not settled; the page shows “not known”."),
    )
    price_from = models.DecimalField(
        _("price from (yuan)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                0, message=_("A price cannot be negative: enter 0 when it is free, or leave it empty when unknown.")
            )
        ],
        help_text=_(
            "Per person; 0 means free. Leave empty when no source gives a price; the page shows “not known”, or "
            "“on request” when someone to ask is named below."
        ),
    )
    price_enquiries = models.CharField(
        _("ask for the price at"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who gives the price when there is no set price: a travel agency or office with its telephone or web "
            "address. Leave empty when nobody is named; the page then does not say “on request”."
        ),
    )
    start_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="routes_starting", verbose_name=_("starts in")
    )
    end_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="routes_ending", verbose_name=_("ends in")
    )
    start_hub = models.ForeignKey(
        "hubs.TransportHub",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routes_starting",
        verbose_name=_("starts from (airport or station)"),
        help_text=_(
            "The airport or station where the tour begins. Leave empty unless it is plain that the first stop's "
            "county is served by it; the page then says nothing about it."
        ),
    )

    objects = RouteQuerySet.as_manager()

    class Meta:
        verbose_name = _("Border Tour")
        verbose_name_plural = _("Border Tours")
        permissions = [("publish_route", _("Can publish and unpublish Border Tours"))]
        ordering = ["start_region__corridor_order", "duration_days", "slug"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price_from__gte=0), name="route_price_not_negative"),
            models.CheckConstraint(condition=models.Q(duration_days__gte=1), name="route_at_least_one_day"),
        ]
        indexes = [
            *search_indexes("route"),
            GinIndex(fields=["best_seasons"], name="route_seasons_gin"),  # the season filter at scale
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("routes:detail", self.slug)

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED:
            problems = self.publication_problems()
            if problems:
                raise ValidationError({"status": problems})

    @property
    def theme_labels(self):
        return choice_labels(self.themes, Theme.choices)

    @property
    def price_is_on_request(self):
        return self.price_from is None and bool(self.price_enquiries.strip())

    def stops_out_of_season(self):
        """The stops at an attraction whose best seasons (when known) share none of this tour's (when known):
        a summer tour stopping at a winter-only sight. Villages have no best seasons."""
        if self.pk is None or not self.best_seasons:
            return []
        stops = (
            RouteStop.objects.filter(day__route=self, attraction__isnull=False)
            .exclude(attraction__best_seasons=[])
            .exclude(attraction__best_seasons__overlap=self.best_seasons)
            .select_related("day", "attraction")
            .order_by("day__number", "position", "id")
        )
        return list(stops)

    def season_warnings(self):
        """A sentence for the editor about each stop out of this tour's seasons; empty when none is."""
        tour_seasons = ", ".join(str(label) for label in self.best_season_labels)
        return [
            _(
                "%(place)s (day %(day)s) is best in %(place_seasons)s, but this tour runs in %(tour_seasons)s. "
                "Move the stop to a tour of its season, or check the seasons."
            )
            % {
                "place": stop.attraction.name,
                "day": stop.day.number,
                "place_seasons": ", ".join(str(label) for label in stop.attraction.best_season_labels),
                "tour_seasons": tour_seasons,
            }
            for stop in self.stops_out_of_season()
        ]

    def unpublished_stops(self):
        """The stops of this tour at a place visitors cannot see yet."""
        if self.pk is None:
            return RouteStop.objects.none()
        return (
            RouteStop.objects.filter(day__route=self)
            .exclude(Q(attraction__status=Status.PUBLISHED) | Q(village__status=Status.PUBLISHED))
            .select_related("day", "attraction", "village")
            .order_by("day__number", "position", "id")
        )

    def publication_problems(self):
        unpublished = list(self.unpublished_stops())
        if not unpublished:
            return []
        places = ", ".join(
            _("%(place)s (day %(day)s)") % {"place": stop.place, "day": stop.day.number} for stop in unpublished
        )
        return [
            _(
                "This tour stops at places that are not published yet: %(places)s. Publish those places first, "
                "or remove these stops."
            )
            % {"places": places}
        ]

    def itinerary(self):
        """The days with their published stops and the legs between them.

        Uses the prefetched days and stops of `for_detail_page()`; a stop at an unpublished
        place is left out, and the leg to the next stop is measured from the last shown one.
        """
        days = []
        previous = None
        for day in self.days.all():
            stops = []
            for stop in day.stops.all():
                place = stop.place
                if not place.is_published:
                    continue
                leg = Leg.between(previous, stop) if previous else None
                stops.append(ItineraryStop(stop=stop, place=place, leg_from_previous=leg))
                previous = stop
            days.append(ItineraryDay(day=day, stops=stops))
        return Itinerary(days=days)


class RouteDay(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="days", verbose_name=_("Border Tour"))
    number = models.PositiveSmallIntegerField(_("day"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what the day holds"), blank=True)
    overnight = models.CharField(_("night spent in"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["number"]
        constraints = [
            # Deferrable: the admin defers it to the end of its transaction (RouteDayFormSet), so that
            # dragging days into a new order can swap their numbers; checked at once everywhere else.
            models.UniqueConstraint(
                fields=["route", "number"], name="route_day_number_unique", deferrable=models.Deferrable.IMMEDIATE
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="route_day_number_positive"),
        ]

    def __str__(self):
        return _("Day %(number)s: %(title)s") % {"number": self.number, "title": self.title}


class RouteStop(AtPlace):
    """One stop of a day: exactly one attraction or one village."""

    place_related_name = "route_stops"

    day = models.ForeignKey(RouteDay, on_delete=models.CASCADE, related_name="stops", verbose_name=_("day"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    suggested_minutes = models.PositiveSmallIntegerField(
        _("suggested time (minutes)"), null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    road_km_from_previous = models.DecimalField(
        _("road distance from the previous stop (km)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Optional. When given it is shown instead of the straight-line distance."),
    )

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=AtPlace.EXACTLY_ONE_PLACE,
                name="route_stop_exactly_one_place",
                violation_error_message=_("A stop is either one attraction or one village: choose exactly one."),
            ),
            models.CheckConstraint(
                condition=models.Q(road_km_from_previous__gte=0), name="route_stop_road_km_not_negative"
            ),
        ]

    def __str__(self):
        return str(self.place)


class RoutePhoto(PhotoModel):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="photos", verbose_name=_("Border Tour"))

    class Meta(PhotoModel.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


@dataclass
class Leg:
    """The way from one stop to the next: road km when an editor gave it, else straight-line km between two known
    positions; `km` is None when neither is known (a stop's position is a stand-in, its county seat)."""

    km: float | None
    is_road_distance: bool
    touches_approximate_position: bool

    @classmethod
    def between(cls, previous, stop):
        start, end = previous.place, stop.place
        approximate = start.position_is_approximate or end.position_is_approximate
        if stop.road_km_from_previous is not None:
            # The editor's road distance is a fact of its own, not measured from the positions.
            return cls(float(stop.road_km_from_previous), True, approximate)
        if approximate:
            return cls(None, False, True)
        straight = great_circle_km(start.latitude, start.longitude, end.latitude, end.longitude)
        return cls(round(straight, 1), False, False)

    @property
    def is_known(self):
        return self.km is not None


def distance_text(legs):
    """The distance of these legs in words: only the known ones add up, and the unknown ones are counted.

    "42.0 km", "at least 42.0 km; 3 legs without a known position", or "not known (2 legs without a known
    position)"; no legs at all (a day of one stop) make "": nothing is travelled between stops, and "0.0 km"
    would read as a distance.
    """
    if not legs:
        return ""
    known = [leg.km for leg in legs if leg.is_known]
    unknown = len(legs) - len(known)
    km = number_format(round(sum(known), 1), 1)
    if not unknown:
        return gettext("%(km)s km") % {"km": km}
    if not known:
        return ngettext(
            "not known (%(count)s leg without a known position)",
            "not known (%(count)s legs without a known position)",
            unknown,
        ) % {"count": unknown}
    return ngettext(
        "at least %(km)s km; %(count)s leg without a known position",
        "at least %(km)s km; %(count)s legs without a known position",
        unknown,
    ) % {"km": km, "count": unknown}


@dataclass
class ItineraryStop:
    stop: RouteStop
    place: object
    leg_from_previous: Leg | None


@dataclass
class ItineraryDay:
    day: RouteDay
    stops: list[ItineraryStop]

    @property
    def legs(self):
        return [s.leg_from_previous for s in self.stops if s.leg_from_previous]

    @property
    def km(self):
        """The km of the legs whose distance is known (see unknown_legs for the others)."""
        return round(sum(leg.km for leg in self.legs if leg.is_known), 1)

    @property
    def unknown_legs(self):
        return sum(1 for leg in self.legs if not leg.is_known)

    @property
    def distance_text(self):
        return distance_text(self.legs)

    @property
    def colour(self):
        """The colour of this day's line on the route map."""
        from listings.maps import day_colour

        return day_colour(self.day.number)

    @property
    def has_road_distances(self):
        return any(leg.is_road_distance for leg in self.legs)


@dataclass
class Itinerary:
    days: list[ItineraryDay] = field(default_factory=list)

    @property
    def legs(self):
        return [leg for day in self.days for leg in day.legs]

    @property
    def km(self):
        """The km of the legs whose distance is known (see unknown_legs for the others)."""
        return round(sum(day.km for day in self.days), 1)

    @property
    def unknown_legs(self):
        return sum(day.unknown_legs for day in self.days)

    @property
    def distance_text(self):
        return distance_text(self.legs)

    @property
    def stops(self):
        return [stop for day in self.days for stop in day.stops]


@dataclass
class StraightLineDay:
    """A day's stops measured as the tour editor shows them while they are being arranged: straight lines between
    consecutive stops, only where both positions are exact (as Leg measures), never the editors' road km.

    `legs[i]` is the km from stop i-1 to stop i (None for the first stop and for a leg touching an approximate
    position)."""

    legs: list = field(default_factory=list)

    @classmethod
    def through(cls, places):
        legs = []
        for index, place in enumerate(places):
            previous = places[index - 1] if index else None
            if previous is None or previous.position_is_approximate or place.position_is_approximate:
                legs.append(None)
                continue
            legs.append(
                round(great_circle_km(previous.latitude, previous.longitude, place.latitude, place.longitude), 1)
            )
        return cls(legs=legs)

    @property
    def km(self):
        return round(sum(km for km in self.legs if km is not None), 1)

    @property
    def approximate_legs(self):
        """Legs that cannot be measured: one of their two stops has only an approximate position."""
        return max(len(self.legs) - 1, 0) - len([km for km in self.legs if km is not None])
