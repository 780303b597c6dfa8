"""The search engine of every listing: query cleaning, pinyin, short Chinese/Korean words, ranked matches and the
search columns each listing keeps filled."""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import models
from django.db.models import (
    Case,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin, load_phrases_dict

from .i18n import localized_columns

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


# A query wholly in Chinese characters: it may be typed with a wrong character of the same sound.
CHINESE_QUERY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def pinyin_of_query(normalized_query):
    """The run-together toneless pinyin of a query of two or more Chinese characters ("常白山" -> "changbaishan"),
    which the stored pinyin of a name that sounds the same holds (长白山); "" for any other query."""
    if CHINESE_QUERY.fullmatch(normalized_query) is None:
        return ""
    return pinyin_for_search(normalized_query).rsplit(" ", 1)[-1]


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
    costs what its matches cost, not what the table holds (make bench, listings/tests/test_indexes.py).
    """

    def search_condition(self, query, near_misses=None):
        """Q matching rows for a cleaned, non-empty query.

        `near_misses`: also names that look like the query; by default only when nothing matches as written
        (one more query to find out).
        """
        text = normalize_for_search(query)
        # A name that sounds like a Chinese query (常白山 for 长白山) counts as written: a wrong character of the same
        # sound is how Chinese is mistyped, and a trigram of the characters would not see it.
        sounds_alike = self._sounds_like(text)
        if is_short_wide_query(text):
            return Q(search_grams__contains=[text]) | sounds_alike
        as_written = self._names_contain(text) | Q(search_text__contains=text) | sounds_alike
        # Near-miss spellings only when nothing matches as written: a typo still finds its place ("Fangchaun"),
        # and a word that is found is not followed by the thousands of names that merely look like it, each
        # costing a similarity (which would make search grow with the table).
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
        """Tier 2: a name contains the query; 1: a name sounds like it (its pinyin) or is close to it; 0: only the
        texts match."""
        text = normalize_for_search(query)
        similarity = TrigramWordSimilarity(Value(text), "search_names")
        sounds_alike = self._sounds_like(text)
        return self.annotate(
            search_similarity=similarity,
            search_tier=Case(
                When(self._names_contain(text), then=Value(2)),
                *([When(sounds_alike, then=Value(1))] if sounds_alike else []),
                When(GreaterThanOrEqual(similarity, NAME_SIMILARITY_THRESHOLD), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )

    def without_long_texts(self):
        """Leaves out the columns no card or list shows: the descriptions and the search columns, most of a
        row's width (fetching and building them made a list page's query its slowest part)."""
        return self.defer(
            "search_names", "search_text", "search_grams", "description", *localized_columns("description")
        )

    def order_by_relevance(self, *then):
        then = then or self.query.order_by or self.model._meta.ordering
        return self.order_by("-search_tier", "-search_similarity", *then)

    @staticmethod
    def _sounds_like(text):
        """Q for the names whose pinyin is the query's (a Chinese query only); an empty Q otherwise."""
        pinyin = pinyin_of_query(text)
        return Q(search_names__contains=pinyin) if pinyin else Q()

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
    names = [getattr(region, column, "") or "" for column in localized_columns("name")]
    return [*names, region.slug, pinyin_for_search(getattr(region, "name_zh_hans", "") or "")]


def search_columns(listing, name_field, text_fields):
    """{column: value} of SearchableModel's search columns for `listing` (a model instance, also a
    migration's historical one)."""
    pinyin = pinyin_for_search(getattr(listing, f"{name_field}_zh_hans", "") or "")
    names = [getattr(listing, column, "") or "" for column in localized_columns(name_field)]
    names += [(getattr(listing, "slug", "") or "").replace("-", " "), pinyin]
    texts = [getattr(listing, column, "") or "" for field in text_fields for column in localized_columns(field)]
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
