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
def tr_text(obj, field):
    """A translated text as plain text, for places that cannot hold markup (<title>, attributes)."""
    return text_and_language(obj, field)[0]


@register.filter
def is_fallback(obj, field):
    """True when the page's language has no text of its own for this field."""
    return text_and_language(obj, field)[1] != get_language()


# The JPEG in `src` for browsers without srcset: the widest rendition up to this width.
FALLBACK_WIDTH = 1024


@register.inclusion_tag("includes/picture.html")
def picture(photo, sizes="100vw", priority=False, css_class=""):
    """A photo as <picture>: WebP and JPEG renditions in srcset, its size reserved by width and height.

    `sizes` says how wide the image is shown (CSS lengths, as in HTML). `priority` is for the first
    large image of a page: fetched early and at high priority; every other photo loads lazily.
    """
    alt, alt_language = text_and_language(photo, "alt_text")
    context = {
        "photo": photo,
        "sizes": sizes,
        "priority": priority,
        "css_class": css_class,
        "alt": alt,
        "alt_lang": html_lang(alt_language) if alt_language != get_language() else "",
    }
    renditions = photo.renditions
    if not renditions:  # dimensions unknown: the original as it is
        return {**context, "src": photo.image.url if photo.image else "", "width": photo.width, "height": photo.height}
    width, height = ([r for r in renditions if r[0] <= FALLBACK_WIDTH] or renditions[:1])[-1]
    return {
        **context,
        "src": photo.rendition_url(width, "jpg"),
        "width": width,
        "height": height,
        "webp_srcset": photo.srcset("webp"),
        "jpg_srcset": photo.srcset("jpg"),
    }
