"""What every part of the corridor shares: the counties along the road, sources,
and the abstract pieces of a published place."""

import math
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from corridor_portal import clock

from .fields import ChoiceArrayField
from .geometry import (
    EARTH_RADIUS_KM,
    JILIN_LATITUDE_RANGE,
    JILIN_LONGITUDE_RANGE,
    MapPoint,
    distance_km_expression,
    great_circle_km,
)
from .i18n import fallback_chain, localized_columns
from .links import slug_addresses
from .search import (
    SearchableModel,
    SearchableQuerySet,
    has_county,
)


class Season(models.TextChoices):
    SPRING = "spring", _("Spring")
    SUMMER = "summer", _("Summer")
    AUTUMN = "autumn", _("Autumn")
    WINTER = "winter", _("Winter")

    @classmethod
    def for_month(cls, month):
        """The season a month belongs to; winter on the corridor runs December to March."""
        if month in (12, 1, 2, 3):
            return cls.WINTER
        if month in (4, 5):
            return cls.SPRING
        if month in (6, 7, 8):
            return cls.SUMMER
        return cls.AUTUMN


class Theme(models.TextChoices):
    """The province's themes; attractions have one, Border Tours several."""

    NATURAL = "natural", _("Natural landscape")
    ETHNIC = "ethnic", _("Ethnic culture")
    HISTORICAL = "historical", _("Historical heritage")
    RED = "red", _("Red tourism")
    BORDER = "border", _("Border and ports")
    WINTER = "winter", _("Winter and snow")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class Confidence(models.TextChoices):
    HIGH = "high", _("High: official, encyclopedia or major media")
    MEDIUM = "medium", _("Medium: secondary or travel site")
    LOW = "low", _("Low: one weak source")


class RegionQuerySet(models.QuerySet):
    def along_corridor(self):
        """Counties in the order the road runs, from the Liaoning side to Hunchun."""
        return self.order_by("corridor_order")


class Region(models.Model):
    """A county or city the G331 runs through, in its order along the road."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=50,
        unique=True,
        help_text=_("Pinyin of the name, lower case, no apostrophe (e.g. jian, hunchun). Used in addresses."),
    )
    corridor_order = models.PositiveSmallIntegerField(
        _("order along the G331"), unique=True, help_text=_("1 for Ji'an, rising eastwards to Hunchun.")
    )
    prefecture = models.CharField(_("prefecture"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("latitude of the centre"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude of the centre"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    summary = models.TextField(_("summary"), blank=True)
    order_confidence = models.CharField(
        _("confidence of its place in the road order"),
        max_length=10,
        choices=Confidence.choices,
        blank=True,
        help_text=_(
            "How sure the sources are that the road reaches this county at this point of the order. Low: the "
            "order shows it as uncertain. Leave empty when no source says."
        ),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("county or city")
        verbose_name_plural = _("counties and cities")
        ordering = ["corridor_order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="region_position_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def order_is_uncertain(self):
        return self.order_confidence == Confidence.LOW

    def refill_listings_search_columns(self):
        """Its listings carry its names in their search columns (county_names()): after a rename, call this so that
        they are found by its new names, not its old ones (the county's admin does when a save or revert renames it)."""
        for model in apps.get_models():
            if issubclass(model, SearchableModel) and has_county(model):
                rows = list(model._base_manager.filter(region=self))
                for row in rows:
                    row.region = self
                    row.fill_search_columns()
                model._base_manager.bulk_update(rows, SearchableModel.SEARCH_COLUMNS, batch_size=500)


class CountyAssignment(models.Model):
    """A county editor may see and edit the listings of this county (and of no county not assigned)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="county_assignments", verbose_name=_("user")
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="editor_assignments", verbose_name=_("county or city")
    )

    class Meta:
        # Made by the staff app before the roles moved to the listing core: the table keeps its name.
        db_table = "staff_countyassignment"
        verbose_name = _("county assignment")
        verbose_name_plural = _("county assignments")
        ordering = ["region__corridor_order"]
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="county_assignment_unique")]

    def __str__(self):
        return f"{self.user} → {self.region}"


class SourceKind(models.TextChoices):
    """Who published a source: a government or port authority, the operator of the place itself (scenic area,
    railway, tour operator), a named news outlet, or anything else (blogs, shops, forums, aggregators, a bare
    address)."""

    OFFICIAL = "official", _("Official")
    OPERATOR = "operator", _("Operator")
    NEWS = "news", _("News")
    OTHER = "other", _("Other")


# The confidence a source earns by its kind, before its age is counted.
CONFIDENCE_BY_SOURCE_KIND = {
    SourceKind.OFFICIAL: Confidence.HIGH,
    SourceKind.OPERATOR: Confidence.HIGH,
    SourceKind.NEWS: Confidence.MEDIUM,
    SourceKind.OTHER: Confidence.LOW,
}
CONFIDENCE_SHORT = {Confidence.HIGH: _("High"), Confidence.MEDIUM: _("Medium"), Confidence.LOW: _("Low")}
ONE_STEP_DOWN = {Confidence.HIGH: Confidence.MEDIUM, Confidence.MEDIUM: Confidence.LOW, Confidence.LOW: Confidence.LOW}
# A source dated more than this many years before today has one step less confidence.
SOURCE_AGES_AFTER_YEARS = 5


def years_before(day, years):
    """The same day `years` earlier (28 February for a 29 February)."""
    if day.month == 2 and day.day == 29:
        day = day.replace(day=28)
    return day.replace(year=day.year - years)


class Source(models.Model):
    """A public source a fact was taken from, cited on the listing's page.

    Its confidence is never typed in: it follows from the kind of source and its date (confidence_on).
    Official and operator pages give high confidence, a news report medium, anything else (a blog, a shop,
    a forum, a bare IP address) low; a source with no date, or dated more than five years before today,
    counts one step lower (never below low).
    """

    key = models.CharField(_("key"), max_length=20, unique=True, help_text=_("Short reference, e.g. S13."))
    citation = models.CharField(_("citation"), max_length=500, help_text=_("Title or address of the source."))
    kind = models.CharField(
        _("kind of source"),
        max_length=10,
        choices=SourceKind.choices,
        default=SourceKind.OTHER,
        help_text=_(
            "Sets the confidence: official (a government or port authority) or operator (the scenic area, railway "
            "or tour operator itself) high, news (a named news outlet) medium, other (blogs, shops, forums, "
            "aggregators, a bare address) low; one step lower when the source has no date or is more than five "
            "years old."
        ),
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True, help_text=_("The date the page states. Empty when it shows none.")
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="source_kind_known_value"),
        ]

    def __str__(self):
        return f"{self.key} {self.citation}"

    @property
    def url(self):
        """A link when the citation is a web address (with or without its scheme)."""
        first = self.citation.split(";")[0].strip()
        if " " in first or "." not in first.split("/")[0]:
            return ""
        return first if first.startswith("http") else f"https://{first}"

    def confidence_on(self, today):
        """High, medium or low: from the kind of source, one step lower when undated or old on `today`."""
        confidence = CONFIDENCE_BY_SOURCE_KIND[self.kind]
        if self.published_on is None or self.published_on < years_before(today, SOURCE_AGES_AFTER_YEARS):
            confidence = ONE_STEP_DOWN[confidence]
        return Confidence(confidence)

    @property
    def confidence(self):
        return self.confidence_on(clock.today())

    @property
    def confidence_label(self):
        return CONFIDENCE_SHORT[self.confidence]


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Only what visitors may see."""
        return self.filter(status=Status.PUBLISHED)


class PlaceQuerySet(SearchableQuerySet, PublishableQuerySet):
    def along_corridor(self):
        """West to east: by county along the road, then by longitude."""
        return self.order_by("region__corridor_order", "longitude", "slug")

    def for_map(self):
        """Just what a map marker needs."""
        return self.only(*self.model.map_fields)

    def map_points(self):
        """The places as MapPoints, read with values_list(): maps of hundreds of places (the home page's, a list's
        map data) make no model instances, which cost more than the rest of a marker (bench/profile_pages.py)."""
        language = get_language() or settings.LANGUAGE_CODE
        names = [build_localized_fieldname("name", code) for code in fallback_chain(language)]
        address = slug_addresses(self.model.detail_viewname)
        return [
            MapPoint(next(filter(None, name_chain), ""), address(slug), latitude, longitude, approximate, region_id)
            for slug, latitude, longitude, approximate, region_id, *name_chain in self.values_list(
                "slug", "latitude", "longitude", "position_is_approximate", "region_id", *names
            )
        ]

    def with_distance_from(self, latitude, longitude):
        """Each row's `distance_km` from a known position; None for a row whose position is a stand-in."""
        return self.annotate(
            distance_km=Case(
                When(position_is_approximate=True, then=Value(None)),
                default=distance_km_expression(latitude, longitude),
                output_field=FloatField(),
            )
        )

    def with_known_position(self):
        """Only places whose own position is known: a county seat standing in measures no distance."""
        return self.filter(position_is_approximate=False)

    def near(self, place, radius_km):
        """Other places within radius_km of `place`, nearest first, distance annotated.

        Only between known positions: nothing is near a place whose position is a stand-in, and a stand-in is
        near nothing (see elsewhere_in_county_of() for those)."""
        if place.position_is_approximate:
            return self.none()
        # A box around the circle first: plain comparisons drop the far rows before any trigonometry, so the
        # cost follows the neighbourhood, not the table.
        d_lat = math.degrees(radius_km / EARTH_RADIUS_KM)
        widest = math.cos(math.radians(min(89.0, abs(place.latitude) + d_lat)))
        d_lon = min(180.0, d_lat / max(widest, 1e-6))
        return (
            self.with_known_position()
            .filter(
                latitude__range=(place.latitude - d_lat, place.latitude + d_lat),
                longitude__range=(place.longitude - d_lon, place.longitude + d_lon),
            )
            .with_distance_from(place.latitude, place.longitude)
            .filter(distance_km__lte=radius_km)
            .exclude(pk=place.pk if isinstance(place, self.model) else None)
            .order_by("distance_km", "slug")
        )

    def around(self, place, radius_km, count):
        """In one query: the `count` places nearest `place` (see near(), distance annotated), then the first `count`
        in its county whose distance from it is not known (distance_km None, west to east). See split_around()."""
        if place.position_is_approximate:
            others = self.elsewhere_in_county_of(place)
            return others.annotate(distance_km=Value(None, output_field=FloatField()))[:count]
        order = [F("distance_km").asc(nulls_last=True), "region__corridor_order", "longitude", "slug"]
        measured = ExpressionWrapper(Q(distance_km__isnull=False), output_field=BooleanField())
        return (
            self.filter(
                Q(pk__in=self.near(place, radius_km).values("pk"))
                | Q(region_id=place.region_id, position_is_approximate=True)
            )
            .exclude(pk=place.pk if isinstance(place, self.model) else None)
            .with_distance_from(place.latitude, place.longitude)
            .annotate(rank_around=Window(RowNumber(), partition_by=[measured], order_by=order))
            .filter(rank_around__lte=count)
            .order_by(*order)
        )

    def elsewhere_in_county_of(self, place):
        """The other places in `place`'s county whose distance from it is not known, west to east: all of them when
        its own position is a stand-in, else those whose position is."""
        others = self.filter(region_id=place.region_id).exclude(pk=place.pk if isinstance(place, self.model) else None)
        if not place.position_is_approximate:
            others = others.filter(position_is_approximate=True)
        return others.along_corridor()


class PublishableModel(TimeStampedModel):
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.first_published_at is None:
            self.first_published_at = clock.now()
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def publication_problems(self):
        """Why this listing cannot be published yet, as sentences for the editor; empty when it can be."""
        return []


@dataclass(frozen=True)
class CardFact:
    text: str
    is_badge: bool = False


class PlaceModel(SearchableModel, PublishableModel):
    """An attraction or a village: a named, described position in a county."""

    # The columns a map marker reads (see PlaceQuerySet.for_map).
    map_fields = (
        "slug",
        "region",
        "latitude",
        "longitude",
        "position_is_approximate",
        "name",
        *localized_columns("name"),
    )

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Latin letters (pinyin or English) used in the address. Never change it once published."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for lists."))
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("county or city"))
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    position_is_approximate = models.BooleanField(
        _("position is approximate"),
        default=False,
        help_text=_("Ticked when no source gives the position and the county seat stands in for it."),
    )
    position_note = models.CharField(
        _("note on the position"),
        max_length=300,
        blank=True,
        help_text=_(
            "Where the position comes from or what is doubtful about it, shown to visitors next to the position "
            "and the map (e.g. “nearby border marker 423”, “one revision gives 41.164 126.116”)."
        ),
    )
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))
    confidence = models.CharField(_("confidence of the facts"), max_length=10, choices=Confidence.choices, blank=True)

    # Set by PlaceQuerySet.with_distance_from() on lists of what is near a place; None elsewhere.
    distance_km = None

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def card_facts(self):
        """What a card says under the name besides the county: [CardFact], each kind of listing its own."""
        return []

    def clean(self):
        super().clean()
        errors = self._position_errors()
        duplicate = self._same_name_in_county()
        if duplicate:
            errors["name_zh_hans"] = _(
                "%(county)s already has a listing called “%(name)s” (%(slug)s). Give this one a distinguishing "
                "name, or edit the existing one instead."
            ) % {"county": self.region, "name": duplicate.name_zh_hans, "slug": duplicate.slug}
        if errors:
            raise ValidationError(errors)

    def _position_errors(self):
        lat, lon = self.latitude, self.longitude
        (lat_low, lat_high), (lon_low, lon_high) = JILIN_LATITUDE_RANGE, JILIN_LONGITUDE_RANGE
        if lat is None or lon is None:
            return {}
        if lon_low <= lat <= lon_high and lat_low <= lon <= lat_high:
            message = _(
                "Latitude and longitude look swapped: the latitude (north) is about 41–43, the longitude "
                "(east) about 126–131 along the G331. Swap the two values."
            )
            return {"latitude": message, "longitude": message}
        errors = {}
        if not lat_low <= lat <= lat_high:
            errors["latitude"] = _(
                "This latitude is outside Jilin's border area along the G331 (%(low)s–%(high)s° N). Check the "
                "position: copy it again from the map, in decimal degrees (e.g. 42.437)."
            ) % {"low": lat_low, "high": lat_high}
        if not lon_low <= lon <= lon_high:
            errors["longitude"] = _(
                "This longitude is outside Jilin's border area along the G331 (%(low)s–%(high)s° E). Check the "
                "position: copy it again from the map, in decimal degrees (e.g. 130.588)."
            ) % {"low": lon_low, "high": lon_high}
        return errors

    def _same_name_in_county(self):
        """Another listing of this kind with the same Chinese name in the same county, if any."""
        name = (getattr(self, "name_zh_hans", "") or "").strip()
        if not name or self.region_id is None:
            return None
        others = type(self)._default_manager.filter(region_id=self.region_id, name_zh_hans__iexact=name)
        return others.exclude(pk=self.pk).only("slug", "name_zh_hans").first()

    def distance_km_to(self, other):
        """The straight-line km to `other`; None when either position is a stand-in (then it is not known)."""
        if self.position_is_approximate or other.position_is_approximate:
            return None
        return great_circle_km(self.latitude, self.longitude, other.latitude, other.longitude)


def choice_labels(values, choices):
    """The translated labels of the choice values stored in an array field, in the choices' order."""
    return [label for value, label in choices if value in values]


class SeasonsMixin:
    """Best seasons: none recorded means no source says (not "all year"); all four ticked means all year."""

    @property
    def best_season_labels(self):
        return choice_labels(self.best_seasons, Season.choices)

    @property
    def good_all_year(self):
        return set(Season.values) <= set(self.best_seasons)


def seasons_field():
    return ChoiceArrayField(
        models.CharField(max_length=10, choices=Season.choices),
        verbose_name=_("best seasons"),
        default=list,
        blank=True,
        help_text=_(
            "Tick all four only when a source says it is good all year. Leave empty when no source says; the "
            "page shows “not known”."
        ),
    )


class SlugRedirectQuerySet(models.QuerySet):
    def remember(self, listing, old_slug):
        """Record that `listing` was at `old_slug`; its pages there answer 301 to wherever it is now."""
        content_type = ContentType.objects.get_for_model(listing)
        # The listing's new slug is live: a redirect away from it would never be used again.
        self.filter(content_type=content_type, old_slug=listing.slug).delete()
        self.update_or_create(content_type=content_type, old_slug=old_slug, defaults={"object_id": listing.pk})

    def moved_listing(self, model, slug):
        """The published listing of `model` that was once at `slug`, or None."""
        content_type = ContentType.objects.get_for_model(model)
        found = self.filter(content_type=content_type, old_slug=slug).values_list("object_id", flat=True).first()
        if found is None:
            return None
        return model.objects.published().filter(pk=found).only("slug").first()


class SlugRedirect(models.Model):
    """An address a listing had before an editor changed its slug; kept for good, it redirects (301).

    It points at the listing, not at the next slug: after several changes every old address still
    takes a single redirect to the current one.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of listing"))
    object_id = models.PositiveBigIntegerField(_("listing id"))
    listing = GenericForeignKey("content_type", "object_id")
    old_slug = models.SlugField(_("old slug"), max_length=100)
    created_at = models.DateTimeField(_("changed on"), auto_now_add=True)

    objects = SlugRedirectQuerySet.as_manager()

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="slug_redirect_unique_old_slug"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="slug_redirect_listing")]

    def __str__(self):
        return self.old_slug
