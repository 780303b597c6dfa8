"""The 1200 × 630 image a chat app or social network shows with a link to the portal.

A listing with photos is shown by its first photo, cropped once to that size and stored beside the
renditions (images.make_share_image). A listing without one, and the home and list pages, get a card
drawn here: the title, the county and the corridor's colours (river blue, sun yellow, border-gate red).
"""

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from photos import images

SIZE = images.SHARE_IMAGE_SIZE
RIVER = "#0f4c5c"
RIVER_DARK = "#0a3540"
SUN = "#f2c14e"
ACCENT = "#b5473a"
MARGIN = 72
TITLE_SIZES = (76, 64, 54, 46)
TITLE_MAX_LINES = 3
# Debian's fonts-noto-cjk; face 2 of the collection is Simplified Chinese.
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FONT_INDEX = 2


def font(size):
    if CJK_FONT.exists():
        return ImageFont.truetype(str(CJK_FONT), size, index=CJK_FONT_INDEX)
    return ImageFont.load_default(size)


def wrap(text, typeface, max_width):
    """Lines of `text` no wider than max_width: between words, or between characters for Chinese."""
    words = text.split()
    units = words if len(words) > 1 else list(text)
    joiner = " " if len(words) > 1 else ""
    lines, line = [], ""
    for unit in units:
        candidate = f"{line}{joiner}{unit}" if line else unit
        if typeface.getlength(candidate) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        # A single word wider than the card is cut by characters.
        while typeface.getlength(unit) > max_width and len(unit) > 1:
            cut = len(unit)
            while cut > 1 and typeface.getlength(unit[:cut]) > max_width:
                cut -= 1
            lines.append(unit[:cut])
            unit = unit[cut:]
        line = unit
    if line:
        lines.append(line)
    return lines


def fit_title(title, max_width):
    """(font, lines): the largest size at which the title takes at most three lines (cut with … beyond)."""
    for size in TITLE_SIZES:
        typeface = font(size)
        lines = wrap(title, typeface, max_width)
        if len(lines) <= TITLE_MAX_LINES:
            return typeface, lines
    lines = lines[:TITLE_MAX_LINES]
    while lines[-1] and typeface.getlength(lines[-1] + "…") > max_width:
        lines[-1] = lines[-1][:-1]
    lines[-1] += "…"
    return typeface, lines


def draw_card(title, place="", kind="", site_name="", brand="G331"):
    """JPEG bytes of a 1200 × 630 card: brand mark, kind of page, title, county, river and site name."""
    width, height = SIZE
    image = ImageOps.colorize(Image.linear_gradient("L").rotate(90).resize(SIZE), RIVER, RIVER_DARK)
    draw = ImageDraw.Draw(image)
    # The river running along the border, and a red band like the border gates.
    river = [(x, height - 150 + 18 * math.sin(x / 140)) for x in range(0, width + 40, 40)]
    draw.polygon([*river, (width, height), (0, height)], fill="#13606f")
    draw.rectangle([0, height - 14, width, height], fill=ACCENT)
    # Brand mark, as in the site's header.
    mark_font = font(40)
    mark_width = mark_font.getlength(brand)
    draw.rounded_rectangle([MARGIN, MARGIN - 8, MARGIN + mark_width + 36, MARGIN + 56], radius=10, fill=SUN)
    draw.text((MARGIN + 18, MARGIN + 24), brand, font=mark_font, fill=RIVER_DARK, anchor="lm")
    if kind:
        draw.text((MARGIN + mark_width + 60, MARGIN + 24), kind, font=font(34), fill="#d8e6ea", anchor="lm")
    typeface, lines = fit_title(title, width - 2 * MARGIN)
    line_height = round(typeface.size * 1.25)
    y = MARGIN + 120
    for line in lines:
        draw.text((MARGIN, y), line, font=typeface, fill="white")
        y += line_height
    if place:
        draw.text((MARGIN, y + 18), place, font=font(40), fill=SUN)
    if site_name:
        draw.text((width - MARGIN, height - 60), site_name, font=font(32), fill="white", anchor="rs")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()
