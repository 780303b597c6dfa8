"""Which language a text is shown in, and how that language is written in HTML."""

from django.conf import settings
from django.utils.translation import get_language

# Django's language codes are lower case; HTML's lang attribute wants BCP 47 script case.
HTML_LANG = {"zh-hans": "zh-Hans"}


def html_lang(code):
    return HTML_LANG.get(code, code)


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
