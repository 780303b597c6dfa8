"""Template helpers for translated content and practical facts."""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html
from django.utils.translation import get_language

from corridor_portal.i18n import html_lang, text_and_language

register = template.Library()


@register.filter
def tr(obj, field):
    """A translated text; when it falls back to another language it says so with `lang`."""
    text, code = text_and_language(obj, field)
    if code != get_language():
        return format_html('<span lang="{}">{}</span>', html_lang(code), text)
    return text


@register.filter
def tr_paragraphs(obj, field):
    """A translated long text as paragraphs, marked with `lang` when it is a fallback."""
    text, code = text_and_language(obj, field)
    if not text:
        return ""
    if code != get_language():
        return format_html('<div lang="{}">{}</div>', html_lang(code), linebreaks_filter(text, autoescape=True))
    return format_html("<div>{}</div>", linebreaks_filter(text, autoescape=True))


@register.filter
def is_fallback(obj, field):
    """True when the page's language has no text of its own for this field."""
    return text_and_language(obj, field)[1] != get_language()
