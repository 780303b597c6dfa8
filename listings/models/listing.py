"""The abstract listing every kind builds on: timestamps, publication, the place with a position, best seasons."""

import math
from dataclasses import dataclass

from django.conf import settings
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
from corridor_portal.cache import list_tag, listing_tag, text_tag

from ..fields import ChoiceArrayField
from ..geometry import (
    EARTH_RADIUS_KM,
    JILIN_LATITUDE_RANGE,
    JILIN_LONGITUDE_RANGE,
    MapPoint,
    distance_km_expression,
    great_circle_km,
)
from ..i18n import fallback_chain, localized_columns
from ..links import slug_addresses
from ..navigation import navigation_links
from ..search import (
    SearchableModel,
    SearchableQuerySet,
)
from .choices import Confidence, Season, Status
from .counties import Region
from .sources import (
    Source,
)


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


# The one help text of every listing's address, in the model and in the admin's form alike.
SLUG_HELP_TEXT = _(
    "The name in the address, made automatically from the pinyin of the Chinese name; it can be changed until "
    "the first publication and is fixed after it, so that old links keep working."
)


class PublishableModel(TimeStampedModel):
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    # The texts in the other languages are translations: the page says so, in the visitor's language.
    written_in = models.CharField(
        _("texts written in"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="zh-hans",
        blank=True,  # not said: no page calls its texts translations
        help_text=_("The language the texts were first written in; the others are translations, and pages say so."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.first_published_at is None:
            self.first_published_at = clock.now()
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    # Shown on the listing's own page, not on its card: an edit of these alone leaves its kind's lists as they were.
    page_only_texts = ("description",)

    def cache_tags(self, texts_only=False):
        """What a change of this listing makes stale in the page cache (corridor_portal/cache.py): its own pages,
        its kind's long texts (search, feeds, the API) and, unless the change is `texts_only`, its kind's lists;
        its county and the listings it points to follow from its links."""
        return (
            [listing_tag(self), text_tag(self)] if texts_only else [listing_tag(self), text_tag(self), list_tag(self)]
        )

    @classmethod
    def page_only_fields(cls):
        """The fields a save may change without any list showing it: the long texts in every language, the search
        columns derived from them, the time of the save."""
        texts = {column for field in cls.page_only_texts for column in (field, *localized_columns(field))}
        return frozenset(texts | {"search_text", "search_grams", "updated_at"})

    def is_translated_into(self, language):
        """Whether the texts a page shows in `language` are a translation rather than the original."""
        return bool(self.written_in) and language != self.written_in

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
        help_text=SLUG_HELP_TEXT,
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

    def navigation_links(self):
        """Links opening the place in AMap, Baidu Maps or another app: at its position, or a search of its
        Chinese name in its county when the position is a stand-in."""
        county = self.region.name_zh_hans if self.region_id else ""
        return navigation_links(
            self.name_zh_hans or self.name_en, county, self.latitude, self.longitude, self.position_is_approximate
        )


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
