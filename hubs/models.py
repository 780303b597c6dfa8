"""Airports, railway stations and bus transfer centres that serve the corridor: how a traveller gets there.

A hub's position is known only where a source prints it: a hub without one is on no map and is given no distance.
Its lines and status carry the date of the newest source for them, flagged once older than twelve months
(listings.dating, the ports' rule).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import BooleanField, Case, ExpressionWrapper, F, FloatField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from listings.dating import stale_cutoff
from listings.geometry import distance_km_expression, great_circle_km
from listings.links import slug_url
from listings.models import SLUG_HELP_TEXT, Confidence, PublishableModel, PublishableQuerySet, Region, Source
from listings.navigation import navigation_links
from listings.search import SearchableModel, SearchableQuerySet, search_indexes

# How many hubs a place's page names: the nearest ones with a known position, and as many again of its county's
# whose position no source gives.
NEAREST_COUNT = 3


class HubKind(models.TextChoices):
    """In the order the getting-there page lists them."""

    AIRPORT = "airport", _("Airport")
    HIGH_SPEED_RAIL = "high-speed-rail", _("High-speed railway station")
    RAIL = "rail", _("Railway station")
    BUS = "bus", _("Bus transfer centre")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


class HubQuerySet(SearchableQuerySet, PublishableQuerySet):
    def by_kind(self):
        """Airports first, then stations, then buses; west to east by county within a kind, off-corridor last."""
        kind_order = Case(
            *(When(kind=value, then=Value(index)) for index, value in enumerate(HubKind.values)),
            output_field=models.IntegerField(),
        )
        return self.order_by(kind_order, F("region__corridor_order").asc(nulls_last=True), "slug")

    def for_list_page(self):
        return self.without_long_texts().select_related("region").prefetch_related("sources")

    def for_detail_page(self):
        return self.select_related("region").prefetch_related("sources")

    def without_long_texts(self):
        return self.defer("search_names", "search_text", "search_grams")

    def with_known_position(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def with_distance_from(self, latitude, longitude):
        """Each hub's straight-line `distance_km` from a known position; None for a hub whose position is unknown."""
        return self.annotate(
            distance_km=Case(
                When(Q(latitude__isnull=True) | Q(longitude__isnull=True), then=Value(None)),
                default=distance_km_expression(latitude, longitude),
                output_field=FloatField(),
            )
        )

    def serving(self, region_id):
        """The hubs in a county, west to east by kind."""
        return self.filter(region_id=region_id).by_kind()

    def nearest_to(self, place, count=NEAREST_COUNT):
        """In one query: the `count` hubs nearest `place` with their straight-line distance, then up to `count` hubs
        of its county whose position is unknown (distance None).

        A place whose own position is a stand-in (position_is_approximate) measures nothing: it gets its county's
        hubs, none with a distance."""
        if getattr(place, "position_is_approximate", False) or place.latitude is None:
            return self.serving(place.region_id).annotate(distance_km=Value(None, output_field=FloatField()))[:count]
        order = [F("distance_km").asc(nulls_last=True), "slug"]
        measured = ExpressionWrapper(Q(distance_km__isnull=False), output_field=BooleanField())
        return (
            self.filter(Q(latitude__isnull=False, longitude__isnull=False) | Q(region_id=place.region_id))
            .with_distance_from(place.latitude, place.longitude)
            .annotate(rank_near=Window(RowNumber(), partition_by=[measured], order_by=order))
            .filter(rank_near__lte=count)
            .select_related("region")
            .order_by(*order)
        )

    def nearest_to_any(self, places, region_id, count=NEAREST_COUNT):
        """The hubs nearest a county, measured from its places whose own position is known: the `count` hubs with
        the shortest straight-line distance to any of `places` (`distance_km`, and that place as `measured_from`),
        then up to `count` hubs of the county whose position is unknown (distance None).

        A place whose position is a stand-in (position_is_approximate) measures nothing; with no place left, the
        county's own hubs, none with a distance. A list: the few hubs with a position are measured here, with the
        one haversine (listings.geometry), against every place of the county."""
        origins = [place for place in places if not getattr(place, "position_is_approximate", False)]
        if not origins:
            return list(self.serving(region_id).annotate(distance_km=Value(None, output_field=FloatField()))[:count])
        hubs = list(
            self.filter(Q(latitude__isnull=False, longitude__isnull=False) | Q(region_id=region_id))
            .select_related("region")
            .order_by("slug")
        )
        measured, unknown = [], []
        for hub in hubs:
            if not hub.has_position:
                unknown.append(hub)
                continue
            hub.distance_km, hub.measured_from = min(
                (
                    (great_circle_km(place.latitude, place.longitude, hub.latitude, hub.longitude), place)
                    for place in origins
                ),
                key=lambda pair: pair[0],
            )
            measured.append(hub)
        measured.sort(key=lambda hub: hub.distance_km)  # stable: ties stay in slug order
        return measured[:count] + unknown[:count]


class TransportHub(SearchableModel, PublishableModel):
    """An airport, railway station or bus transfer centre a traveller reaches the corridor by."""

    search_text_fields = ("summary", "serves", "lines")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=SLUG_HELP_TEXT,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=HubKind.choices)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for lists."))
    iata_code = models.CharField(_("IATA code"), max_length=3, blank=True, help_text=_("Airports only, e.g. YNJ."))
    icao_code = models.CharField(_("ICAO code"), max_length=4, blank=True, help_text=_("Airports only, e.g. ZYYJ."))
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transport_hubs",
        verbose_name=_("county or city on the corridor"),
        help_text=_("Empty for a hub off the corridor (Yanji, Tonghua, Changchun…)."),
    )
    serves = models.CharField(
        _("where it is and what it serves"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Yanji (Chaoyangchuan town)”."),
    )
    prefecture = models.CharField(_("prefecture"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    position_note = models.CharField(
        _("note on the position"),
        max_length=500,
        blank=True,
        help_text=_("Where the position comes from. Leave latitude and longitude empty when no source gives them."),
    )
    lines = models.TextField(_("lines and routes"), blank=True, help_text=_("Flights, trains and travel times."))
    opening_year = models.PositiveSmallIntegerField(
        _("opening year"), null=True, blank=True, validators=[MinValueValidator(1850), MaxValueValidator(2100)]
    )
    opening_note = models.CharField(
        _("about the opening"), max_length=200, blank=True, help_text=_("E.g. “civil use; military field since 1952”.")
    )
    status_note = models.TextField(_("current status"), blank=True, help_text=_("Closures, works, renaming."))
    conflicts_note = models.TextField(
        _("where sources disagree"), blank=True, help_text=_("Each source's figure, as the sources give them.")
    )
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))
    verified_on = models.DateField(
        _("last verified on"),
        null=True,
        blank=True,
        help_text=_("The date of the newest source for the lines and status. Empty when no source dates them."),
    )
    verified_precision = models.CharField(
        _("precision of that date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("“Month only” and “Year only” show the date as a month or a year (store its first day)."),
    )
    confidence = models.CharField(_("confidence of the facts"), max_length=10, choices=Confidence.choices, blank=True)
    confidence_reason = models.CharField(_("why that confidence"), max_length=300, blank=True)

    # Set by HubQuerySet.nearest_to() / with_distance_from() / nearest_to_any(); None elsewhere.
    distance_km = None
    # Set by HubQuerySet.nearest_to_any(): the county's place the distance is measured from.
    measured_from = None

    objects = HubQuerySet.as_manager()

    class Meta:
        verbose_name = _("transport hub")
        verbose_name_plural = _("transport hubs")
        permissions = [("publish_transporthub", _("Can publish and unpublish transport hubs"))]
        ordering = ["kind", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=HubKind.values), name="hub_kind_known_value"),
            # Both or neither, and on the globe: a half position would place the hub nowhere.
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="hub_position_whole_or_none",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]
        indexes = search_indexes("hub")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            message = _("Give both latitude and longitude, or leave both empty when no source gives the position.")
            raise ValidationError({"latitude": message, "longitude": message})

    def navigation_links(self):
        """Open the hub in AMap, Baidu Maps or another app at its position; without a known position, a search of
        its Chinese name where it is (the apps know every airport and station by name)."""
        where = self.region.name_zh_hans if self.region_id else self.prefecture
        name = self.name_zh_hans or self.name_en
        return navigation_links(name, where, self.latitude, self.longitude, approximate=not self.has_position)

    def get_absolute_url(self):
        return slug_url("hubs:detail", self.slug)

    @property
    def has_position(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def code_label(self):
        """“YNJ / ZYYJ”, or just the code there is."""
        return " / ".join(code for code in (self.iata_code, self.icao_code) if code)

    @property
    def verified_by_month(self):
        return self.verified_precision == DatePrecision.MONTH

    @property
    def verified_by_year(self):
        return self.verified_precision == DatePrecision.YEAR

    def is_stale_on(self, today):
        """Whether its newest dated source is more than twelve months old on `today` (False when undated)."""
        return self.verified_on is not None and self.verified_on < stale_cutoff(today)
