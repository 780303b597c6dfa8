"""Template helpers for translated content and practical facts."""

import html
import math

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, pgettext_lazy
from modeltranslation.utils import build_localized_fieldname

from listings.fragments import CACHED_CARD_TEMPLATES, render_cards
from listings.i18n import DEFAULT_LANGUAGE, html_lang, month_and_year, text_and_language

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


TRANSLATED_FROM = {
    "zh-hans": pgettext_lazy("the language a text was translated from", "Simplified Chinese"),
    "en": pgettext_lazy("the language a text was translated from", "English"),
    "ko": pgettext_lazy("the language a text was translated from", "Korean"),
    "ru": pgettext_lazy("the language a text was translated from", "Russian"),
}


@register.filter
def translation_note(obj, fields):
    """The note "Translated from English by the portal team" under texts shown in a language they were not written
    in. `fields` names the texts the page shows, separated by commas ("name,summary,description"): the note appears
    when any of them is shown in the page's language and that language is a translation (a fallback already says its
    language with `lang`, so it gets no note)."""
    language = get_language()
    if not obj.is_translated_into(language):
        return ""
    shown = [text_and_language(obj, field.strip()) for field in fields.split(",")]
    if not any(text and code == language for text, code in shown):
        return ""
    # The language's name as the sentence needs it (Russian: "с английского языка"), not a heading's "Английский".
    original = TRANSLATED_FROM.get(obj.written_in) or get_language_info(obj.written_in)["name_translated"]
    return format_html(
        '<p class="translation-note">{}</p>',
        gettext("Translated from %(language)s by the portal team.") % {"language": original},
    )


@register.filter
def chinese_name(obj, field="name"):
    """The Chinese name under a place's name on a page in another language, so a visitor can show it to a driver or
    match it on a sign; nothing on a Chinese page or when the name shown is the Chinese one."""
    chinese = getattr(obj, build_localized_fieldname(field, DEFAULT_LANGUAGE), "")
    if not chinese or get_language() == DEFAULT_LANGUAGE or text_and_language(obj, field)[0] == chinese:
        return ""
    return format_html(
        '<p class="chinese-name">{} <span lang="{}">{}</span></p>',
        gettext("Chinese name:"),
        html_lang(DEFAULT_LANGUAGE),
        chinese,
    )


@register.filter
def is_fallback(obj, field):
    """True when the page's language has no text of its own for this field."""
    return text_and_language(obj, field)[1] != get_language()


# The JPEG in `src` for browsers without srcset: the widest rendition up to this width.
FALLBACK_WIDTH = 1024


@register.simple_tag
def picture(photo, sizes="100vw", priority=False, css_class=""):
    """A photo as <picture>: WebP and JPEG renditions in srcset, its size reserved by width and height.

    `sizes` says how wide the image is shown (CSS lengths, as in HTML). `priority` is for the first
    large image of a page: fetched early and at high priority; every other photo loads lazily.
    Built here rather than by an included template: a list page draws 24 of them, and a template's
    context and lookups cost several times these few format_html() calls (bench/profile_pages.py).
    """
    alt, alt_language = text_and_language(photo, "alt_text")
    renditions = photo.renditions
    if renditions:
        width, height = ([r for r in renditions if r[0] <= FALLBACK_WIDTH] or renditions[:1])[-1]
        src, webp_srcset, jpg_srcset = photo.rendition_url(width, "jpg"), photo.srcset("webp"), photo.srcset("jpg")
    else:  # dimensions unknown: the original as it is
        src, width, height = (photo.image.url if photo.image else ""), photo.width, photo.height
        webp_srcset = jpg_srcset = ""
    attributes = [
        format_html(' class="{}"', css_class) if css_class else "",
        format_html(' src="{}"', src),
        format_html(' srcset="{}" sizes="{}"', jpg_srcset, sizes) if jpg_srcset else "",
        format_html(' width="{}" height="{}"', width, height) if width else "",
        format_html(' alt="{}"', alt),
        format_html(' lang="{}"', html_lang(alt_language)) if alt_language != get_language() else "",
        ' fetchpriority="high"' if priority else ' loading="lazy" decoding="async"',
    ]
    source = format_html('<source type="image/webp" srcset="{}" sizes="{}">', webp_srcset, sizes) if webp_srcset else ""
    # Every piece above is escaped by format_html() or a constant.
    return format_html("<picture>{}<img{}></picture>", source, mark_safe("".join(attributes)))  # noqa: S308


# Where the coloured dots of a group's places sit around it, in CSS pixels (at most eight are shown).
GROUP_DOTS = [(round(17 * math.sin(n * math.pi / 4), 1), round(-17 * math.cos(n * math.pi / 4), 1)) for n in range(8)]


@register.simple_tag(takes_context=True)
def cards(context, items, template_name):
    """The cards of a list: `{% cards object_list "includes/place_card.html" %}`, each listing as `place` and `route`.

    Place and tour cards come from the fragment cache (listings/fragments.py), rendered only when what they show
    changed; other cards are rendered here in the page's context, as an `{% include %}` in a loop would.
    """
    if template_name in CACHED_CARD_TEMPLATES:
        return render_cards(items, template_name)
    template = context.template.engine.get_template(template_name)
    rendered = []
    for index, item in enumerate(items):
        with context.push(place=item, route=item, forloop={"first": index == 0, "counter": index + 1}):
            rendered.append(template.render(context))
    return mark_safe("".join(rendered))  # noqa: S308 - rendered templates, escaped when they were rendered


@register.simple_tag
def map_markers(svg_map):
    """The symbols of a server-drawn map (listings/maps.py, SvgMap.symbols) as SVG: a place links to its page;
    places too close to tell apart on a phone are one group with their count (or their stop numbers), a county's
    places whose exact positions are not known are one dashed ring. Positions are per cent, sizes CSS pixels, so
    the text is 12 px however wide the map is drawn (static/css/site.css, "Maps").

    Built here rather than in a template loop: the home page's map holds a few hundred places. Escaped with
    the standard library's html.escape(), which is what django.utils.html.escape() calls once it has checked for
    lazy strings: format_html() of its twelve arguments made these markers a tenth of the uncached home page.
    """
    drawn = []
    for symbol in svg_map.symbols:
        x, y, colour = f"{symbol.x}%", f"{symbol.y}%", html.escape(symbol.colour)
        text = html.escape(symbol.text)
        numbers = " ".join(str(number) for number in symbol.numbers)
        classes = {
            "pin": "map-marker",
            "group": "map-marker map-group",
            "county": "map-marker map-marker-approximate map-marker-county",
        }[symbol.kind]
        data = f' data-number="{numbers}"' if len(symbol.numbers) == 1 else ""
        if len(symbol.markers) > 1:
            data += f' data-count="{len(symbol.markers)}"' + (f' data-numbers="{numbers}"' if numbers else "")
        if symbol.kind == "county":
            shape = f'<circle cx="{x}" cy="{y}" r="18" stroke="{colour}"/>'
        elif symbol.kind == "group" and numbers:
            width = symbol.text_width
            shape = (
                f'<rect x="{x}" y="{y}" width="{width}" height="24" rx="12" transform="translate({-width / 2} -12)"'
                f' fill="{colour}" stroke="{colour}"/>'
            )
        else:
            radius = 13 if symbol.kind == "group" else (11 if numbers else 6)
            shape = f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{colour}" stroke="{colour}"/>'
        if symbol.kind == "group" and len({marker.colour for marker in symbol.markers}) > 1:
            # Places of different colours (a port's crossing status, a hub's kind): one dot each around the group.
            shape += "".join(
                f'<circle class="map-group-dot" cx="{x}" cy="{y}" r="4" fill="{html.escape(marker.colour)}"'
                f' transform="translate({dot_x} {dot_y})"/>'
                for marker, (dot_x, dot_y) in zip(symbol.markers, GROUP_DOTS, strict=False)
            )
        label = f'<text x="{x}" y="{y}" dy="4">{text}</text>' if text else ""
        title = f"<title>{html.escape(symbol.title)}</title>"
        if symbol.url:
            drawn.append(f'<a class="{classes}" href="{html.escape(symbol.url)}"{data}>{title}{shape}{label}</a>\n')
        else:  # several places: no one page to link to; the title names them all
            drawn.append(f'<g class="{classes}" role="img"{data}>{title}{shape}{label}</g>\n')
    return mark_safe("".join(drawn))  # noqa: S308 -- every text escaped above; numbers are ints and floats


@register.filter
def month_year(day):
    """The month of a date verified "by month", as it reads inside a sentence: "сентябрь 2025 г." in Russian."""
    return month_and_year(day) if day else ""
