"""The words a page says about itself: its title and description in the page's language, never longer
than a results page shows, and, for a listing with no text of its own in that language, a sentence made from
translated labels instead of a description in another language (sharing/seo.py puts them in <head>)."""

from django.utils.translation import get_language, gettext, ngettext, pgettext

from listings import kinds
from listings.i18n import text_and_language

# Chinese characters are twice as wide as Latin letters in a results page; Hangul nearly so.
TITLE_LIMITS = {"zh-hans": 30, "ko": 40}
DESCRIPTION_LIMITS = {"zh-hans": 80, "ko": 100}
TITLE_LIMIT = 60
DESCRIPTION_LIMIT = 160
# Languages written without spaces between words: cut anywhere, preferably after a sentence.
WITHOUT_SPACES = {"zh-hans"}
SENTENCE_ENDS = "。！？；.!?;"
ELLIPSIS = "…"


def shorten(text, limit, language=None):
    """`text` on one line, at most `limit` characters, cut at a word (or, for Chinese, a character) with …"""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    language = language or get_language()
    cut = text[: limit - 1]
    if language in WITHOUT_SPACES or " " not in cut:
        sentence_end = max(cut.rfind(mark) for mark in SENTENCE_ENDS)
        if sentence_end >= limit * 0.6:
            return cut[: sentence_end + 1]
        return cut.rstrip("，、：；,:; ") + ELLIPSIS
    space = cut.rfind(" ")
    if space >= limit * 0.5:
        cut = cut[:space]
    return cut.rstrip(",;:–—-· ") + ELLIPSIS


def title_limit(language):
    return TITLE_LIMITS.get(language, TITLE_LIMIT)


def description_limit(language):
    return DESCRIPTION_LIMITS.get(language, DESCRIPTION_LIMIT)


def join_labels(labels):
    """Labels run together the way the language lists things ("Hunchun, Tumen"; 珲春、图们)."""
    return pgettext("separator between items of a list", ", ").join(str(label) for label in labels)


def name_of(listing):
    """The listing's name (or a tour's title) in the page's language or its fallback."""
    for field_name in ("name", "title"):
        if hasattr(listing, f"{field_name}_zh_hans"):
            return text_and_language(listing, field_name)[0]
    return str(listing)


def place_of(listing):
    """The county of a place, or where a tour starts and ends, in the page's language."""
    if hasattr(listing, "start_region") and hasattr(listing, "end_region"):
        start = text_and_language(listing.start_region, "name")[0]
        end = text_and_language(listing.end_region, "name")[0]
        return start if start == end else f"{start} → {end}"
    region = getattr(listing, "region", None)
    return text_and_language(region, "name")[0] if region is not None else ""


def content_description(listing):
    """The summary (or else the description) in the page's language, else a sentence made for it."""
    language = get_language()
    for field_name in ("summary", "description"):
        text, code = text_and_language(listing, field_name)
        if text and code == language:
            return text
    return generated_description(listing)


def generated_description(listing):
    """A sentence in the page's language about a listing with no text of its own in that language: its kind's
    sentence (listings.kinds, `sentence=`), else a plain one."""
    values = {"name": name_of(listing), "place": place_of(listing)}
    kind = kinds.kind_of(listing)
    if kind is not None and kind.sentence is not None:
        return kind.sentence(listing, values)
    return gettext("%(name)s, on the G331 border corridor in Jilin.") % values


def attraction_sentence(attraction, values):
    values = {**values, "category": attraction.get_category_display()}
    return gettext("%(name)s: %(category)s in %(place)s, on the G331 border corridor in Jilin.") % values


def village_sentence(village, values):
    return gettext("%(name)s: a border village in %(place)s, on the G331 corridor in Jilin.") % values


def tour_sentence(route, values):
    values = {**values, "days": route.duration_days}
    return (
        ngettext(
            "%(name)s: a %(days)s-day Border Tour (%(place)s) along the G331 in Jilin.",
            "%(name)s: a %(days)s-day Border Tour (%(place)s) along the G331 in Jilin.",
            route.duration_days,
        )
        % values
    )
