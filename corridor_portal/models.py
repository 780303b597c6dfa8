"""What every part of the corridor shares: the counties along the road, sources,
and the abstract pieces of a published place."""

import math
import re
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin, load_phrases_dict

from . import clock, images
from .fields import ChoiceArrayField
from .i18n import fallback_chain
from .links import slug_addresses

# Jilin's border area along the G331, from Ji'an to Hunchun's tip at Fangchuan, a little generous:
# a position outside it is a typo (or latitude and longitude swapped).
JILIN_LATITUDE_RANGE = (40.8, 43.6)
JILIN_LONGITUDE_RANGE = (125.4, 131.4)
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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.refill_listings_search_columns()

    @property
    def order_is_uncertain(self):
        return self.order_confidence == Confidence.LOW

    def refill_listings_search_columns(self):
        """Its listings carry its names in their search columns (county_names()): renamed, it is found by its new
        names, not its old ones."""
        for model in apps.get_models():
            if issubclass(model, SearchableModel) and has_county(model):
                rows = list(model._base_manager.filter(region=self))
                for row in rows:
                    row.region = self
                    row.fill_search_columns()
                model._base_manager.bulk_update(rows, SearchableModel.SEARCH_COLUMNS, batch_size=500)


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


def distance_km_expression(latitude, longitude):
    """SQL for the great-circle distance in km from a position to each row's position (great_circle_km() in SQL:
    the function corridor_distance_km, migration corridor_portal 0005)."""
    return Func(
        Value(float(latitude)),
        Value(float(longitude)),
        F("latitude"),
        F("longitude"),
        function="corridor_distance_km",
        output_field=FloatField(),
    )


# Search -------------------------------------------------------------------------------------------

MAX_QUERY_LENGTH = 100
# A name whose words are this close (pg_trgm word similarity, 0-1) to the query counts as a match.
NAME_SIMILARITY_THRESHOLD = settings.SEARCH_NAME_SIMILARITY

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


def normalize_for_search(text):
    """Lower case without accents, the same for the stored search columns and for a query: "Chángbái" ->
    "changbai". Hangul and Chinese are kept whole (only combining marks are dropped)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


# Runs of Chinese characters, kana and Hangul syllables: scripts whose words are one or two characters.
WIDE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")


def short_grams(text):
    """Every one- and two-character piece of the Chinese, Japanese and Korean runs in `text`.

    The trigram indexes cannot look up a query shorter than three characters ("雪村" has no trigram), and
    such queries are common in these scripts; an array of these pieces with a GIN index can.
    """
    grams = set()
    for run in WIDE_RUN.findall(text):
        grams.update(run)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return sorted(grams)


def is_short_wide_query(normalized_query):
    return len(normalized_query) <= 2 and WIDE_RUN.fullmatch(normalized_query) is not None


def search_indexes(prefix):
    """The indexes behind search: trigrams of the names and of the texts, and the short pieces."""
    return [
        GinIndex(fields=["search_names"], opclasses=["gin_trgm_ops"], name=f"{prefix}_names_trgm"),
        GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name=f"{prefix}_text_trgm"),
        GinIndex(fields=["search_grams"], name=f"{prefix}_grams_gin"),
    ]


class SearchableQuerySet(models.QuerySet):
    """Search by any part of a name in any language, its pinyin, a near-miss spelling or the texts.

    Every condition reads the model's derived search columns (SearchableModel) through an index, so a search
    costs what its matches cost, not what the table holds (make bench, corridor_portal/tests/test_indexes.py).
    """

    def search_condition(self, query, near_misses=None):
        """Q matching rows for a cleaned, non-empty query.

        `near_misses`: also names that look like the query; by default only when nothing matches as written
        (one more query to find out).
        """
        text = normalize_for_search(query)
        if is_short_wide_query(text):
            return Q(search_grams__contains=[text])
        as_written = self._names_contain(text) | Q(search_text__contains=text)
        # Near-miss spellings only when nothing matches as written: a typo still finds its place ("Fangchaun"),
        # and a word that is found is not followed by the thousands of names that merely look like it, each
        # costing a similarity (what made search grow with the table, make bench).
        if near_misses is None:
            near_misses = not self.filter(as_written).exists()
        if not near_misses:
            return as_written
        # `%>`: pg_trgm's word similarity above the connection's threshold (NAME_SIMILARITY_THRESHOLD,
        # set in settings.DATABASES), which the trigram index answers; word_similarity() >= x would not use it.
        return as_written | Q(search_names__trigram_word_similar=text)

    def search(self, raw_query, near_misses=None):
        """Matching rows with their `search_tier` and `search_similarity`, best first."""
        query = clean_query(raw_query)
        if not query:
            return self.none()
        return self.filter(self.search_condition(query, near_misses)).with_search_rank(query).order_by_relevance()

    def with_search_rank(self, query):
        """Tier 2: a name contains the query; 1: a name is close to it; 0: only the texts match."""
        text = normalize_for_search(query)
        similarity = TrigramWordSimilarity(Value(text), "search_names")
        return self.annotate(
            search_similarity=similarity,
            search_tier=Case(
                When(self._names_contain(text), then=Value(2)),
                When(GreaterThanOrEqual(similarity, NAME_SIMILARITY_THRESHOLD), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )

    def without_long_texts(self):
        """Leaves out the columns no card or list shows: the descriptions and the search columns, most of a
        row's width (fetching and building them made a list page's query its slowest part)."""
        return self.defer(
            "search_names", "search_text", "search_grams", "description", *translated_columns("description")
        )

    def order_by_relevance(self, *then):
        then = then or self.query.order_by or self.model._meta.ordering
        return self.order_by("-search_tier", "-search_similarity", *then)

    @staticmethod
    def _names_contain(text):
        condition = Q(search_names__contains=text)
        # The stored run-together pinyin matches "song ling", "song-ling" and "song'ling".
        compact = compact_pinyin_query(text)
        if compact and compact != text:
            condition |= Q(search_names__contains=compact)
        return condition


class SearchableModel(models.Model):
    """A listing found by its names in every language, the pinyin of its Chinese name and its texts.

    The search columns are derived, recomputed on every save so they can never drift from the texts; one
    column per purpose, each with its index (search_indexes), instead of a condition per language column.
    """

    pinyin_source = "name"  # the name field, also the one whose Chinese gives the pinyin
    search_text_fields = ("summary", "description")

    search_pinyin = models.CharField(
        _("pinyin for search"),
        max_length=600,
        blank=True,
        editable=False,
        help_text=_("Filled from the Chinese name when saved."),
    )
    search_names = models.TextField(_("names for search"), blank=True, default="", editable=False)
    search_text = models.TextField(_("texts for search"), blank=True, default="", editable=False)
    search_grams = ArrayField(
        models.CharField(max_length=2),
        verbose_name=_("short pieces for search"),
        blank=True,
        default=list,
        editable=False,
    )

    SEARCH_COLUMNS = ("search_pinyin", "search_names", "search_text", "search_grams")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_search_columns()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.SEARCH_COLUMNS}
        super().save(*args, **kwargs)

    def fill_search_columns(self):
        """Derive the search columns from the names and texts (also for rows made with bulk_create)."""
        for column, value in search_columns(self, self.pinyin_source, self.search_text_fields).items():
            setattr(self, column, value)


def has_county(model):
    """Whether a kind of listing (also a migration's historical model) lies in a county: its search columns then
    hold the county's names (county_names())."""
    return any(field.name == "region" for field in model._meta.fields)


def county_names(listing):
    """The names of a listing's county in every language, its slug and pinyin, searched with the listing's texts:
    珲春 or "Hunchun" finds what lies in Hunchun, after what is named so (search_tier)."""
    region = getattr(listing, "region", None)
    if region is None:
        return []
    names = [getattr(region, column, "") or "" for column in translated_columns("name")]
    return [*names, region.slug, pinyin_for_search(getattr(region, "name_zh_hans", "") or "")]


def search_columns(listing, name_field, text_fields):
    """{column: value} of SearchableModel's search columns for `listing` (a model instance, also a
    migration's historical one)."""
    pinyin = pinyin_for_search(getattr(listing, f"{name_field}_zh_hans", "") or "")
    names = [getattr(listing, column, "") or "" for column in translated_columns(name_field)]
    names += [(getattr(listing, "slug", "") or "").replace("-", " "), pinyin]
    texts = [getattr(listing, column, "") or "" for field in text_fields for column in translated_columns(field)]
    texts += county_names(listing)
    # " | " keeps one name's end from running into the next one's start in a contains match.
    search_names = normalize_for_search(" | ".join(name for name in names if name))
    search_text = normalize_for_search(" | ".join(text for text in texts if text))
    return {
        "search_pinyin": pinyin,
        "search_names": search_names,
        "search_text": search_text,
        "search_grams": short_grams(f"{search_names} | {search_text}"),
    }


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
        names = [f"name_{code.replace('-', '_')}" for code in fallback_chain(get_language() or settings.LANGUAGE_CODE)]
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
        # cost follows the neighbourhood, not the table (make bench).
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


def split_around(places):
    """(the places with a distance, those without) of PlaceQuerySet.around()'s rows."""
    places = list(places)
    return [p for p in places if p.distance_km is not None], [p for p in places if p.distance_km is None]


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


def card_photos():
    """The prefetch of a list's photos, as a plain list for each listing (PhotographedMixin.cover_photo).

    Prefetched into `photos` instead, Django builds a filtered queryset for every listing to hold them: half
    the CPU of a list's two queries (cProfile of 24 cards).
    """
    return models.Prefetch("photos", to_attr="card_photo_list")


class PhotographedMixin:
    """Attractions, villages and Border Tours: listings with photos (related name `photos`, by position)."""

    @property
    def cover_photo(self):
        """The first photo, or None; from the list's card_photos() or the page's prefetched photos.

        A template's `photos.all.0` would cost a `dir()` of the queryset on every card (the engine's failed
        attribute lookup before it tries an index).
        """
        photos = getattr(self, "card_photo_list", None)
        if photos is None:
            photos = self.photos.all()
        return photos[0] if photos else None


@dataclass(frozen=True)
class CardFact:
    text: str
    is_badge: bool = False


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A place as a map shows it (PlaceQuerySet.map_points): its name in the page's language, address and position.

    Answers what corridor_portal.maps asks of a place: name, get_absolute_url(), latitude, longitude,
    position_is_approximate, region_id."""

    name: str
    url: str
    latitude: float
    longitude: float
    position_is_approximate: bool
    region_id: int | None = None

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url


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
        *(f"name_{code}" for code in ("zh_hans", "en", "ko", "ru")),
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


def position_constraint(prefix):
    """The database rule that keeps a place's position on the globe."""
    return models.CheckConstraint(
        condition=models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
        name=f"{prefix}_position_in_range",
    )


def position_index(prefix):
    """What lies near a place (PlaceQuerySet.near): the box around it is a range on both columns of one index,
    not a scan of the whole table."""
    return models.Index(fields=["longitude", "latitude"], name=f"{prefix}_position")


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
            content, picture = images.clean_original(self.image)
            self.image.save(content.name, content, save=False)
        super().save(*args, **kwargs)
        if picture is not None:
            images.make_renditions(self, picture)
        if replaced and replaced[0] != self.image.name:
            storage = self.image.storage
            # Only once the new row is committed: a rolled-back edit must keep the files it points to.
            transaction.on_commit(lambda: images.delete_photo_files(storage, *replaced))

    def move_to_new_address(self):
        """Store the files under a new unguessable name: the addresses seen while the listing was published
        stop working once it is unpublished (the old files go after the commit, like a replaced upload's)."""
        if not self.image:
            return
        storage, old = self.image.storage, (self.image.name, self.width)
        self.image.name = images.copy_photo_files(storage, *old)
        type(self).objects.filter(pk=self.pk).update(image=self.image.name)
        transaction.on_commit(lambda: images.delete_photo_files(storage, *old))

    @property
    def renditions(self):
        """(width, height) of each rendition, narrowest first; computed, the storage is never asked."""
        if not (self.width and self.height):
            return []
        return [(width, round(self.height * width / self.width)) for width in images.rendition_widths(self.width)]

    def rendition_url(self, width, extension="jpg"):
        return images.file_url(self.image.storage, images.rendition_name(self.image.name, width, extension))

    def srcset(self, extension="webp"):
        """The `srcset` of the renditions in one format, e.g. "/media/…-320.webp 320w, …"."""
        return ", ".join(f"{self.rendition_url(width, extension)} {width}w" for width, _ in self.renditions)


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
