"""Honest stand-ins for photos in the demo: a landscape drawn in a category's colours, with the place's name.

No real photos can be fetched for the demo, so each listing gets an illustration that says what it is.
The drawing is deterministic (seeded by the slug): the same listing always gets the same picture.
"""

import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

SIZE = (1600, 1000)
# Debian's fonts-noto-cjk; face 2 of the collection is Simplified Chinese.
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FONT_INDEX = 2

# sky top, sky bottom, far hills, near hills, river, sun
PALETTES = {
    "natural": ("#5d9cc9", "#d9eef2", "#6f9a8d", "#2f6b4f", "#3f88a6", "#f6e7a1"),
    "ethnic": ("#e79a5a", "#fbe3c0", "#b36a5e", "#6d3b47", "#4d7f9c", "#fff1c9"),
    "historical": ("#a38b6d", "#efe2c8", "#8c7b62", "#5a4a3a", "#5f7f87", "#f2d58c"),
    "red": ("#b5473a", "#f4c9a8", "#8e3b34", "#4f2525", "#4a6f86", "#ffd36b"),
    "border": ("#4b6a84", "#cfdde6", "#6b7f8f", "#34495a", "#0f4c5c", "#f2c14e"),
    "winter": ("#8fb3cf", "#f2f6fa", "#c3d3df", "#8aa2b5", "#9cc3d9", "#ffffff"),
}


def palette_for(listing):
    """The colours of a listing: its category, a village's culture, a tour's first theme."""
    category = getattr(listing, "category", "") or next(iter(getattr(listing, "themes", None) or []), "")
    culture = getattr(listing, "culture", "")
    if culture:
        category = {"korean": "ethnic", "manchu": "historical"}.get(culture, "natural")
    return PALETTES.get(category, PALETTES["border"]), category == "winter"


def ridge(rng, base, amplitude, step=40):
    """Points of a mountain ridge across the width: a few sine waves of random phase, a little jitter."""
    width, height = SIZE
    waves = [(amplitude / (k + 1.5), rng.uniform(0.8, 1.6) * (k + 1), rng.uniform(0, math.tau)) for k in range(4)]
    points = [
        (x, base - sum(a * math.sin(f * math.tau * x / width + phase) for a, f, phase in waves) + rng.uniform(-6, 6))
        for x in range(0, width + step, step)
    ]
    return [(0, height), *points, (width, height)]


def font(size):
    if CJK_FONT.exists():
        return ImageFont.truetype(str(CJK_FONT), size, index=CJK_FONT_INDEX)
    return ImageFont.load_default(size)


def draw_landscape(seed, palette, snowy):
    sky_top, sky_bottom, far, near, river, sun = palette
    width, height = SIZE
    rng = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    image = ImageOps.colorize(Image.linear_gradient("L").resize(SIZE), sky_top, sky_bottom)
    draw = ImageDraw.Draw(image)
    sun_x, sun_y, radius = rng.randint(200, width - 200), rng.randint(110, 200), rng.randint(45, 70)
    draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=sun)
    far_base = height * 0.40
    far_ridge = ridge(rng, far_base, 150)
    draw.polygon(far_ridge, fill=far)
    # Snow on the high peaks: the ridge above a snow line 70 px under each summit, with a ragged lower edge.
    line = far_ridge[1:-1]
    for i in range(1, len(line) - 1):
        before, summit, after = line[i - 1][1], line[i][1], line[i + 1][1]
        if summit < before and summit <= after and (snowy or summit < far_base - 90):
            left = right = i
            while left > 0 and line[left - 1][1] < summit + 70:
                left -= 1
            while right < len(line) - 1 and line[right + 1][1] < summit + 70:
                right += 1
            edge = [(px, summit + 70 - rng.uniform(0, 25)) for px, _ in reversed(line[left : right + 1])]
            draw.polygon([*line[left : right + 1], *edge], fill="#f8fbfd")
    draw.polygon(ridge(rng, height * 0.56, 70), fill=near)
    draw.rectangle([0, height * 0.66, width, height], fill="#eef3f7" if snowy else near)
    # A river winding across the valley floor, like the Yalu and the Tumen along the road.
    top = [(x, height * 0.69 + 18 * math.sin(x / 170 + rng.uniform(0, 0.6))) for x in range(0, width + 100, 100)]
    draw.polygon([*top, *[(x, y + 46 + 10 * math.sin(x / 90)) for x, y in reversed(top)]], fill=river)
    return image


def draw_names(image, chinese, english, label):
    width, height = SIZE
    overlay = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle([0, height - 230, width, height], fill=(10, 30, 40, 170))
    image = Image.alpha_composite(image.convert("RGBA"), overlay)
    draw = ImageDraw.Draw(image)
    has_cjk = CJK_FONT.exists()
    title = chinese if has_cjk and chinese else english
    draw.text((60, height - 215), title, font=font(84), fill="white")
    if english and title != english:
        draw.text((64, height - 100), english, font=font(44), fill="#e6eef2")
    draw.text((width - 60, 40), label, font=font(32), fill="white", anchor="ra", stroke_width=2, stroke_fill="#1d2a30")
    return image.convert("RGB")


def illustration_jpeg(seed, chinese, english, palette, snowy, label="插图 · Illustration"):
    """JPEG bytes of a 1600 × 1000 landscape with the place's names."""
    image = draw_names(draw_landscape(seed, palette, snowy), chinese, english, label)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()
