"""A listing's address (its slug), proposed from its Chinese name in pinyin: 松岭雪村 -> songling-xuecun.

Editors write Chinese; the address is Latin. The proposal is made here, on the server, for the admin's live
suggestion and for a form saved with the slug left blank, so both give the same address.
"""

import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from pypinyin import Style, lazy_pinyin
from pypinyin.seg.mmseg import seg

from .models import SlugRedirect
from .search import pinyin_for_search  # noqa: F401 - loads the place names' readings (珲春 hún chūn) into pypinyin

# Chinese characters (the CJK blocks place names use); anything else is taken as Latin letters or digits.
HAN_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
LATIN_WORD = re.compile(r"[a-z0-9]+")
# What a SlugField accepts unchanged.
VALID_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
MAX_NAME_LENGTH = 200  # names are at most 200 characters; a longer query is cut, not refused


def _syllables(han_text):
    """The toneless pinyin of each character, ü written v (lv, nv) as Chinese addresses do."""
    return [syllable.lower() for syllable in lazy_pinyin(han_text, style=Style.NORMAL) if syllable.isascii()]


def _han_words(run):
    """The pinyin words of a run of Chinese characters: the words pypinyin's dictionary knows stay whole
    (三合 -> sanhe), and characters it does not group are paired, as most place names are two-character
    words (松岭 雪村 -> songling, xuecun; 防川村 -> fangchuan, cun)."""
    words, singles = [], []
    for piece in seg.cut(run):
        syllables = _syllables(piece)
        if len(piece) == 1:
            singles += syllables
            continue
        words += _paired(singles)
        singles = []
        words.append("".join(syllables))
    return words + _paired(singles)


def _paired(syllables):
    return ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]


def _latin_words(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return LATIN_WORD.findall(ascii_text.lower())


def pinyin_slug(name, max_length=100):
    """The address proposed for `name`: its Chinese in pinyin words, its Latin words and digits kept, joined by
    hyphens and cut at a word within `max_length`; "" when nothing in it can be written in Latin letters."""
    words = []
    for piece in HAN_RUN.split((name or "")[:MAX_NAME_LENGTH]):
        words += _han_words(piece) if HAN_RUN.fullmatch(piece) else _latin_words(piece)
    slug = ""
    for word in filter(None, words):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or "-".join(filter(None, words))[:max_length].strip("-")


def as_slug(text, max_length=100):
    """What an editor typed into the address field, as an address: kept when it already is one, otherwise
    written in pinyin (松岭雪村 -> songling-xuecun, "Songling Xuecun" -> songling-xuecun)."""
    text = (text or "").strip()
    if not text or VALID_SLUG.match(text):
        return text
    return pinyin_slug(text, max_length)


def free_slug(model, base, exclude_pk=None, max_length=100):
    """`base`, or `base-2`, `base-3`… : the first that no other listing of `model` has, now or as an old
    address that still redirects to it."""
    if not base:
        return ""
    prefix = base[: max_length - 10]  # what every candidate starts with, even one cut to fit a long suffix
    listings = model._default_manager.exclude(pk=exclude_pk).filter(slug__startswith=prefix)
    old_addresses = SlugRedirect.objects.filter(
        content_type=ContentType.objects.get_for_model(model), old_slug__startswith=prefix
    ).exclude(object_id=exclude_pk)
    taken = {*listings.values_list("slug", flat=True), *old_addresses.values_list("old_slug", flat=True)}
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        number += 1


def proposed_slug(model, name, exclude_pk=None):
    """The free address for a listing of `model` called `name` (in Chinese); "" when none can be made."""
    max_length = model._meta.get_field("slug").max_length
    return free_slug(model, pinyin_slug(name, max_length), exclude_pk, max_length)
