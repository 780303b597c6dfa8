"""Taking a page along: its address as a QR code, drawn on the server as inline SVG (segno)."""

import functools

import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def qr_code(url, title=""):
    """An inline <svg> QR code of `url` (error correction M, so a creased printout still scans)."""
    if not url:  # a page without an address of its own (a staff preview of a draft) gets no code
        return ""
    return qr_svg(str(url), str(title))


# Encoding is a few milliseconds of pure Python (Reed-Solomon, masks), and an address's code never changes.
@functools.lru_cache(maxsize=2048)
def qr_svg(url, title):
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=4,
        border=4,
        dark="#1d2a30",
        light="#ffffff",
        title=title or None,
        svgclass="qr-code",
        lineclass="qr-code-modules",
        omitsize=True,
    )
    # segno writes the SVG itself and escapes the title; the address is only encoded as modules.
    return mark_safe(svg)  # noqa: S308
