"""What every part of the corridor shares: the counties along the road, sources,
and the abstract pieces of a published place."""

import math
import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import ASin, Cos, Greatest, Least, Lower, Radians, Sin, Sqrt
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin, load_phrases_dict

from . import images
from .fields import ChoiceArrayField

# Jilin province's extent, a little generous: a position outside it is a typo.
JILIN_LATITUDE_RANGE = (40.5, 46.5)
JILIN_LONGITUDE_RANGE = (121.5, 131.5)
EARTH_RADIUS_KM = 6371.0088


def great_circle_km(lat1, lon1, lat2, lon2):
    """Distance in km between two positions along the earth's surface (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


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


class Source(models.Model):
    """A public source a fact was taken from, cited on the listing's page."""

    key = models.CharField(_("key"), max_length=20, unique=True, help_text=_("Short reference, e.g. S13."))
    citation = models.CharField(_("citation"), max_length=500, help_text=_("Title or address of the source."))

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["id"]

    def __str__(self):
        return f"{self.key} {self.citation}"

    @property
    def url(self):
        """A link when the citation is a web address (with or without its scheme)."""
        first = self.citation.split(";")[0].strip()
        if " " in first or "." not in first.split("/")[0]:
            return ""
        return first if first.startswith("http") else f"https://{first}"


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Only what visitors may see."""
        return self.filter(status=Status.PUBLISHED)


def distance_km_expression(latitude, longitude):
    """SQL for the great-circle distance in km from a position to each row's position."""
    lat0 = Value(math.radians(latitude), output_field=FloatField())
    lon0 = Value(math.radians(longitude), output_field=FloatField())
    lat = Radians("latitude")
    half_d_lat = Sin((lat - lat0) / 2)
    half_d_lon = Sin((Radians("longitude") - lon0) / 2)
    a = half_d_lat * half_d_lat + Cos(lat0) * Cos(lat) * half_d_lon * half_d_lon
    # LEAST guards against a rounding error pushing the argument of asin just above 1.
    return 2 * EARTH_RADIUS_KM * ASin(Sqrt(Least(a, Value(1.0, output_field=FloatField()))))


# Search -------------------------------------------------------------------------------------------

MAX_QUERY_LENGTH = 100
# A name whose words are this close (pg_trgm word similarity, 0-1) to the query counts as a match:
# "Fangchaun" against "Fangchuan Scenic Area" scores 0.6.
NAME_SIMILARITY_THRESHOLD = 0.5

# Place names whose reading differs from the character's usual one.
load_phrases_dict({"珲春": [["hún"], ["chūn"]], "集安": [["jí"], ["ān"]], "长白": [["cháng"], ["bái"]]})


def clean_query(raw):
    """The visitor's words, without control characters, trimmed to a sensible length."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def pinyin_for_search(chinese_name):
    """The toneless pinyin of a Chinese name, syllable by syllable and run together.

    松岭雪村 -> "song ling xue cun songlingxuecun", so "songling" and "song ling xue cun" both match.
    """
    syllables = " ".join(lazy_pinyin(chinese_name or "")).lower()
    # ü is written v by pypinyin's plain style; keep u for searchers who type "lu".
    syllables = unicodedata.normalize("NFKD", syllables.replace("v", "u"))
    words = re.findall(r"[a-z0-9]+", syllables)
    return f"{' '.join(words)} {''.join(words)}".strip()


def compact_pinyin_query(query):
    """The query as the run-together pinyin it may be: no spaces, apostrophes or hyphens, lower case."""
    return re.sub(r"[\s'’‘\-]+", "", query).lower()


def translated_columns(field):
    return [f"{field}_{code.replace('-', '_')}" for code in settings.MODELTRANSLATION_LANGUAGES]


class SearchableQuerySet(models.QuerySet):
    """Search by any part of a name in any language, its pinyin, a near-miss spelling or the description."""

    name_field = "name"
    text_fields = ("summary", "description")

    def search_condition(self, query):
        """Q matching rows for a cleaned, non-empty query."""
        return self._name_contains(query) | self._name_similar(query) | self._text_contains(query)

    def search(self, raw_query):
        """Matching rows with their `search_tier` and `search_similarity`, best first."""
        query = clean_query(raw_query)
        if not query:
            return self.none()
        return self.filter(self.search_condition(query)).with_search_rank(query).order_by_relevance()

    def with_search_rank(self, query):
        """Tier 2: a name contains the query; 1: a name is close to it; 0: only the description matches."""
        similarity = self._name_similarity(query)
        return self.annotate(
            search_similarity=similarity,
            search_tier=Case(
                When(self._name_contains(query), then=Value(2)),
                When(GreaterThanOrEqual(similarity, NAME_SIMILARITY_THRESHOLD), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )

    def order_by_relevance(self, *then):
        then = then or self.query.order_by or self.model._meta.ordering
        return self.order_by("-search_tier", "-search_similarity", *then)

    def _name_contains(self, query):
        condition = Q(slug__icontains=query.replace(" ", "-"))
        for column in translated_columns(self.name_field):
            condition |= Q(**{f"{column}__unaccent__icontains": query})
        # The stored pinyin is lower case and toneless; unaccent strips the tone marks of the query.
        compact = compact_pinyin_query(query)
        if compact:
            condition |= Q(search_pinyin__contains=Lower(Unaccent(Value(compact))))
        return condition

    def _name_similarity(self, query):
        text = Unaccent(Value(query))
        columns = ["search_pinyin", *translated_columns(self.name_field)]
        return Greatest(*(TrigramWordSimilarity(text, column) for column in columns), output_field=FloatField())

    def _name_similar(self, query):
        return Q(GreaterThanOrEqual(self._name_similarity(query), NAME_SIMILARITY_THRESHOLD))

    def _text_contains(self, query):
        condition = Q()
        for field in self.text_fields:
            for column in translated_columns(field):
                condition |= Q(**{f"{column}__icontains": query})
        return condition


class PinyinSearchModel(models.Model):
    """A listing found by the pinyin of its Chinese name; `pinyin_source` names that field."""

    pinyin_source = "name"

    search_pinyin = models.CharField(
        _("pinyin for search"),
        max_length=600,
        blank=True,
        editable=False,
        help_text=_("Filled from the Chinese name when saved."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Derived data, recomputed from the Chinese name so it can never drift from it.
        self.search_pinyin = pinyin_for_search(getattr(self, f"{self.pinyin_source}_zh_hans", "") or "")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_pinyin"}
        super().save(*args, **kwargs)


class PlaceQuerySet(SearchableQuerySet, PublishableQuerySet):
    def along_corridor(self):
        """West to east: by county along the road, then by longitude."""
        return self.order_by("region__corridor_order", "longitude", "slug")

    def with_distance_from(self, latitude, longitude):
        return self.annotate(distance_km=distance_km_expression(latitude, longitude))

    def near(self, place, radius_km):
        """Other places within radius_km of `place`, nearest first, distance annotated."""
        return (
            self.with_distance_from(place.latitude, place.longitude)
            .filter(distance_km__lte=radius_km)
            .exclude(pk=place.pk if isinstance(place, self.model) else None)
            .order_by("distance_km", "slug")
        )


class PublishableModel(TimeStampedModel):
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.first_published_at is None:
            self.first_published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class PlaceModel(PinyinSearchModel, PublishableModel):
    """An attraction or a village: a named, described position in a county."""

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
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))
    confidence = models.CharField(_("confidence of the facts"), max_length=10, choices=Confidence.choices, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.latitude is not None and not JILIN_LATITUDE_RANGE[0] <= self.latitude <= JILIN_LATITUDE_RANGE[1]:
            errors["latitude"] = _("This latitude is outside Jilin (%(low)s–%(high)s° N). Check the position.") % {
                "low": JILIN_LATITUDE_RANGE[0],
                "high": JILIN_LATITUDE_RANGE[1],
            }
        if self.longitude is not None and not JILIN_LONGITUDE_RANGE[0] <= self.longitude <= JILIN_LONGITUDE_RANGE[1]:
            errors["longitude"] = _("This longitude is outside Jilin (%(low)s–%(high)s° E). Check the position.") % {
                "low": JILIN_LONGITUDE_RANGE[0],
                "high": JILIN_LONGITUDE_RANGE[1],
            }
        if errors:
            raise ValidationError(errors)

    def distance_km_to(self, other):
        return great_circle_km(self.latitude, self.longitude, other.latitude, other.longitude)


def position_constraint(prefix):
    """The database rule that keeps a place's position on the globe."""
    return models.CheckConstraint(
        condition=models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
        name=f"{prefix}_position_in_range",
    )


def choice_labels(values, choices):
    """The translated labels of the choice values stored in an array field, in the choices' order."""
    return [label for value, label in choices if value in values]


class SeasonsMixin:
    @property
    def best_season_labels(self):
        return choice_labels(self.best_seasons, Season.choices)


def seasons_field():
    return ChoiceArrayField(
        models.CharField(max_length=10, choices=Season.choices),
        verbose_name=_("best seasons"),
        default=list,
        blank=True,
    )


class PhotoModel(models.Model):
    """A photo of a listing; concrete subclasses add the listing they belong to."""

    image = models.ImageField(_("image"), upload_to="photos/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_(
            "What the photo shows, for people who cannot see it: e.g. “Snow-covered wooden houses "
            "of Songling village at dusk”. Not the file name, not “photo of”."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("photographer's credit"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0, db_index=True)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        """A new upload is stored cleaned (re-encoded, upright, without metadata), with its renditions."""
        picture = replaced = None
        if self.image and not self.image._committed:
            if self.pk:
                replaced = type(self).objects.filter(pk=self.pk).values_list("image", "width").first()
            content, picture = images.clean_original(self.image, self.image.name)
            self.image.save(content.name, content, save=False)
        super().save(*args, **kwargs)
        if picture is not None:
            images.make_renditions(self, picture)
        if replaced and replaced[0] != self.image.name:
            storage = self.image.storage
            # Only once the new row is committed: a rolled-back edit must keep the files it points to.
            transaction.on_commit(lambda: images.delete_photo_files(storage, *replaced))

    @property
    def renditions(self):
        """(width, height) of each rendition, narrowest first; computed, the storage is never asked."""
        if not (self.width and self.height):
            return []
        return [(width, round(self.height * width / self.width)) for width in images.rendition_widths(self.width)]

    def rendition_url(self, width, extension="jpg"):
        return self.image.storage.url(images.rendition_name(self.image.name, width, extension))

    def srcset(self, extension="webp"):
        """The `srcset` of the renditions in one format, e.g. "/media/…-320.webp 320w, …"."""
        return ", ".join(f"{self.rendition_url(width, extension)} {width}w" for width, _ in self.renditions)
