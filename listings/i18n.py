"""Which language a text is shown in, how that language is written in HTML, and the links between languages."""

import re

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

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
    return same_site_path(translate_url(same_site_path(path), code))


def fallback_chain(language):
    """The languages tried for a text, in order: the page's own, then English, then Chinese."""
    chain = [language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]
    return list(dict.fromkeys(code for code in chain if code in settings.MODELTRANSLATION_LANGUAGES))


def text_and_language(obj, field, language=None):
    """(text, language code) of `field` on `obj` in the page's language or its fallback."""
    language = language or get_language() or settings.LANGUAGE_CODE
    for code in fallback_chain(language):
        value = getattr(obj, f"{field}_{code.replace('-', '_')}", "")
        if value:
            return value, code
    return "", language
