"""Which language a text is shown in, the column that holds it, how that language is written in HTML, and the
links between languages."""

import functools
import re

from django.conf import settings
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import get_language
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

# The texts are written in Chinese first (the fallback of last resort); the other languages translate them.
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OTHER_LANGUAGES = [code for code in settings.MODELTRANSLATION_LANGUAGES if code != DEFAULT_LANGUAGE]
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def localized_columns(field):
    """The column of a translated field in each language, in the order of the settings: name_zh_hans, name_en…

    The column of one language is modeltranslation's own rule, build_localized_fieldname(field, code)."""
    return [build_localized_fieldname(field, code) for code in settings.MODELTRANSLATION_LANGUAGES]


def translated_fields(model):
    """The names of the model's translated fields (name, summary…), sorted."""
    return sorted(translator.get_options_for_model(model).all_fields)


def missing_language_condition(model, code):
    """Rows where some text written in Chinese has no version in language `code`."""
    condition = Q()
    for field in translated_fields(model):
        chinese, other = build_localized_fieldname(field, DEFAULT_LANGUAGE), build_localized_fieldname(field, code)
        condition |= (
            ~Q(**{chinese: ""})
            & Q(**{f"{chinese}__isnull": False})
            & (Q(**{other: ""}) | Q(**{f"{other}__isnull": True}))
        )
    return condition


def language_coverage(listing, code):
    """'full', 'partial' or 'none': how much of the Chinese text exists in language `code`."""
    written = [
        field
        for field in translated_fields(type(listing))
        if getattr(listing, build_localized_fieldname(field, DEFAULT_LANGUAGE))
    ]
    present = [field for field in written if getattr(listing, build_localized_fieldname(field, code))]
    if written and len(present) == len(written):
        return "full"
    return "partial" if present else "none"


# Django's language codes are lower case; HTML's lang attribute wants BCP 47 script case.
HTML_LANG = {"zh-hans": "zh-Hans"}


def html_lang(code):
    return HTML_LANG.get(code, code)


# A path starting "//" (or "/\\", which browsers read the same way) is a link to another host: a 404 page for
# /%2F%2Fevil.example/ would otherwise link to evil.example in every language.
LEADING_SLASHES = re.compile(r"^[/\\]+")


def same_site_path(path):
    """`path` as a link on this site: exactly one leading slash, so no browser reads a host into it."""
    return "/" + LEADING_SLASHES.sub("", path)


def path_in_language(path, code):
    """The same page's path in the language `code` (the path itself when it names no page), on this site."""
    # translate_url() resolves the path and reverses it (~80 µs); every page asks for its four languages and its
    # alternates: kept per process, by all the result depends on (the URLs resolve in the active language).
    return _path_in_language(
        path, code, get_language(), settings.LANGUAGE_CODE, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    )


@functools.lru_cache(maxsize=4096)
def _path_in_language(path, code, _active_language, _default_language, _urlconf, _script_prefix):
    return same_site_path(translate_url(same_site_path(path), code))


def fallback_chain(language):
    """The languages tried for a text, in order: the page's own, then English, then Chinese."""
    chain = [language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]
    return list(dict.fromkeys(code for code in chain if code in settings.MODELTRANSLATION_LANGUAGES))


def text_and_language(obj, field, language=None):
    """(text, language code) of `field` on `obj` in the page's language or its fallback."""
    language = language or get_language() or settings.LANGUAGE_CODE
    for code in fallback_chain(language):
        value = getattr(obj, build_localized_fieldname(field, code), "")
        if value:
            return value, code
    return "", language


# Languages that write month names in lower case inside a sentence ("дата проверки: март 2025 г."); Django's
# month names are those of a calendar heading, capitalised.
LOWER_CASE_MONTH_LANGUAGES = {"ru"}


def month_in_sentence(number):
    """The name of month `number` (1–12) as it reads inside a sentence in the active language; "" for None."""
    name = str(MONTHS.get(number, ""))
    return name.lower() if get_language() in LOWER_CASE_MONTH_LANGUAGES else name


def month_and_year(day):
    """ "September 2025", "2025年9月", "сентябрь 2025 г.": the month of `day` in the active language, for a
    sentence."""
    text = date_format(day, "YEAR_MONTH_FORMAT")
    if get_language() in LOWER_CASE_MONTH_LANGUAGES:
        text = text.replace(str(MONTHS[day.month]), str(MONTHS[day.month]).lower())
    return text
