"""Honest stand-ins for photos in the demo: a drawn scene of the kind of place, with no words in it.

No real photos can be fetched for the demo, so each listing gets an illustration of its kind of place —
mountain and lake, river border, village, historical site, winter — and the page gives its caption and
credit in the visitor's language (nothing is baked into the picture). The drawing is deterministic (seeded
by the slug): the same listing always gets the same picture, and two listings of one kind differ in more
than their colours.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageOps

SIZE = (1600, 1000)


class Scene:
    MOUNTAIN_LAKE = "mountain-lake"
    RIVER_BORDER = "river-border"
    VILLAGE = "village"
    HISTORICAL = "historical"
    WINTER = "winter"

    ALL = (MOUNTAIN_LAKE, RIVER_BORDER, VILLAGE, HISTORICAL, WINTER)


# The scene for a theme (an attraction's category, a tour's first theme) or a village's people.
SCENE_OF_THEME = {
    "natural": Scene.MOUNTAIN_LAKE,
    "border": Scene.RIVER_BORDER,
    "ethnic": Scene.VILLAGE,
    "historical": Scene.HISTORICAL,
    "red": Scene.HISTORICAL,
    "winter": Scene.WINTER,
}

# sky top, sky bottom, far hills, near hills, water, sun — a few per scene, chosen by the seed.
PALETTES = {
    Scene.MOUNTAIN_LAKE: [
        ("#5d9cc9", "#d9eef2", "#7d8f9c", "#2f6b4f", "#2f7fa6", "#f6e7a1"),
        ("#3f78b5", "#cfe6f0", "#6c7a86", "#3b5f45", "#1f6d9a", "#fff2b8"),
    ],
    Scene.RIVER_BORDER: [
        ("#4b6a84", "#cfdde6", "#6b7f8f", "#4c6b4a", "#0f4c5c", "#f2c14e"),
        ("#6a8fb0", "#e4ecef", "#7d8d86", "#56744f", "#2a6478", "#ffe08a"),
    ],
    Scene.VILLAGE: [
        ("#e79a5a", "#fbe3c0", "#8e9c6a", "#56793f", "#4d7f9c", "#fff1c9"),
        ("#7fb0d6", "#eef4e6", "#86a372", "#4f7a3a", "#4a86a8", "#fff6d6"),
    ],
    Scene.HISTORICAL: [
        ("#a38b6d", "#efe2c8", "#8c7b62", "#6f7d4c", "#5f7f87", "#f2d58c"),
        ("#b5473a", "#f4c9a8", "#8e6b54", "#6a6a3e", "#4a6f86", "#ffd36b"),
    ],
    Scene.WINTER: [
        ("#8fb3cf", "#f2f6fa", "#c3d3df", "#8aa2b5", "#9cc3d9", "#ffffff"),
        ("#6f8fb0", "#e8eef5", "#b4c4d2", "#7f95a8", "#a9c9dd", "#fdfdf5"),
    ],
}

SNOW = "#f8fbfd"


def scene_for(listing):
    """The kind of place a listing is drawn as: its category, a village's scene, a tour's first theme."""
    if hasattr(listing, "culture"):
        return Scene.VILLAGE
    theme = getattr(listing, "category", "") or next(iter(getattr(listing, "themes", None) or []), "")
    return SCENE_OF_THEME.get(theme, Scene.RIVER_BORDER)


def ridge(rng, base, amplitude, step=40):
    """Points of a mountain ridge across the width: a few sine waves of random phase, a little jitter."""
    width, height = SIZE
    waves = [(amplitude / (k + 1.5), rng.uniform(0.8, 1.6) * (k + 1), rng.uniform(0, math.tau)) for k in range(4)]
    points = [
        (x, base - sum(a * math.sin(f * math.tau * x / width + phase) for a, f, phase in waves) + rng.uniform(-6, 6))
        for x in range(0, width + step, step)
    ]
    return [(0, height), *points, (width, height)]


def sky(palette, rng, draw_sun=True):
    sky_top, sky_bottom, *_, sun = palette
    image = ImageOps.colorize(Image.linear_gradient("L").resize(SIZE), sky_top, sky_bottom)
    if draw_sun:
        draw = ImageDraw.Draw(image)
        x, y, r = rng.randint(200, SIZE[0] - 200), rng.randint(110, 200), rng.randint(45, 70)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=sun)
    return image


def snow_caps(draw, rng, line, snow_line):
    """Snow on the summits of a ridge: the ridge above a line `snow_line` px under each summit, ragged below."""
    for i in range(1, len(line) - 1):
        before, summit, after = line[i - 1][1], line[i][1], line[i + 1][1]
        if summit < before and summit <= after:
            left = right = i
            while left > 0 and line[left - 1][1] < summit + snow_line:
                left -= 1
            while right < len(line) - 1 and line[right + 1][1] < summit + snow_line:
                right += 1
            edge = [(px, summit + snow_line - rng.uniform(0, 25)) for px, _ in reversed(line[left : right + 1])]
            draw.polygon([*line[left : right + 1], *edge], fill=SNOW)


def conifer(draw, x, base, height, colour, snowy=False):
    """A fir of three tiers, snow on each tier in winter."""
    for tier in range(3):
        top = base - height + tier * height * 0.25
        half = height * (0.18 + 0.08 * tier)
        bottom = top + height * 0.45
        draw.polygon([(x, top), (x - half, bottom), (x + half, bottom)], fill=colour)
        if snowy:
            draw.polygon(
                [(x, top), (x - half * 0.55, top + height * 0.2), (x + half * 0.55, top + height * 0.2)], fill=SNOW
            )
    draw.rectangle([x - height * 0.03, base - height * 0.1, x + height * 0.03, base], fill="#4a3b2f")


def draw_mountain_lake(rng, palette):
    """A volcano's rim of peaks around a crater lake, like Tianchi on Changbai Mountain, forest below."""
    _, _, far, near, water, _ = palette
    width, height = SIZE
    image = sky(palette, rng)
    draw = ImageDraw.Draw(image)
    rim = ridge(rng, height * 0.42, 170, step=30)
    draw.polygon(rim, fill=far)
    snow_caps(draw, rng, rim[1:-1], 90)
    centre, half = rng.randint(550, 1050), rng.randint(260, 380)
    lake_top = height * 0.52
    draw.ellipse([centre - half, lake_top, centre + half, lake_top + 120], fill=water)
    draw.polygon(ridge(rng, height * 0.70, 50), fill=near)
    for _ in range(rng.randint(14, 22)):
        x = rng.randint(0, width)
        conifer(draw, x, height * 0.78 + rng.randint(0, 180), rng.randint(90, 170), "#1f4d36")
    return image


def draw_river_border(rng, palette):
    """A broad river across the picture with the other country's hills on the far bank, a bridge, and the
    posts of the border fence on the near bank."""
    _, _, far, near, water, _ = palette
    width, height = SIZE
    image = sky(palette, rng)
    draw = ImageDraw.Draw(image)
    draw.polygon(ridge(rng, height * 0.38, 60), fill=far)  # the far bank
    bank = height * 0.47
    draw.rectangle([0, bank, width, height * 0.80], fill=water)
    for _ in range(rng.randint(10, 16)):  # light on the water
        x, y = rng.randint(0, width), rng.randint(int(bank) + 20, int(height * 0.78))
        draw.line([x, y, x + rng.randint(40, 120), y], fill=palette[1], width=3)
    if rng.random() < 0.8:  # a bridge to the other side, on piers
        deck, left, right = bank + rng.randint(40, 90), rng.randint(-200, 300), rng.randint(1100, 1800)
        draw.rectangle([left, deck, right, deck + 18], fill="#5b5048")
        for x in range(left + 60, right, rng.randint(130, 180)):
            draw.rectangle([x, deck + 18, x + 22, height * 0.80], fill="#4c433c")
    draw.polygon([(0, height), (0, height * 0.80), (width, height * 0.84), (width, height)], fill=near)
    for x in range(30, width, rng.randint(90, 120)):  # fence posts and wire
        draw.rectangle([x, height * 0.74, x + 8, height * 0.86], fill="#3b3b3b")
    for y in (height * 0.76, height * 0.80):
        draw.line([0, y, width, y + 8], fill="#3b3b3b", width=3)
    return image


def house(draw, rng, x, base, size):
    """A Korean-style farmhouse: white walls, a dark hipped roof with upturned eaves."""
    wall_top = base - size * 0.45
    draw.rectangle([x, wall_top, x + size, base], fill="#f4efe6", outline="#8a7f70", width=2)
    for door in range(rng.randint(1, 3)):
        dx = x + size * (0.15 + 0.3 * door)
        draw.rectangle([dx, wall_top + size * 0.12, dx + size * 0.14, base], fill="#9a7b58")
    eave = size * 0.18
    roof = [
        (x - eave, wall_top + 6),
        (x - eave * 1.3, wall_top - size * 0.06),
        (x + size * 0.2, wall_top - size * 0.32),
        (x + size * 0.8, wall_top - size * 0.32),
        (x + size + eave * 1.3, wall_top - size * 0.06),
        (x + size + eave, wall_top + 6),
    ]
    draw.polygon(roof, fill=rng.choice(["#3d4a55", "#5a4a3f", "#2f3b44"]))


def draw_village(rng, palette):
    """Farmhouses among paddy fields at the foot of wooded hills."""
    _, _, far, near, water, _ = palette
    width, height = SIZE
    image = sky(palette, rng)
    draw = ImageDraw.Draw(image)
    draw.polygon(ridge(rng, height * 0.42, 110), fill=far)
    draw.polygon(ridge(rng, height * 0.55, 40), fill=near)
    fields_top = height * 0.68
    draw.rectangle([0, fields_top, width, height], fill="#8fae5a")
    for i, y in enumerate(range(int(fields_top) + 20, height, 55)):  # paddies, some flooded
        colour = water if (i + rng.randint(0, 1)) % 3 == 0 else "#a5bf6b"
        draw.polygon([(0, y), (width, y + 12), (width, y + 40), (0, y + 28)], fill=colour)
    x = rng.randint(20, 160)
    while x < width - 150:
        size = rng.randint(150, 230)
        house(draw, rng, x, fields_top + rng.randint(-10, 25), size)
        x += size + rng.randint(60, 220)
    return image


def draw_historical(rng, palette):
    """A stepped stone tomb of the Koguryo kind, a stele beside it, on a plain below the hills."""
    _, _, far, near, _, _ = palette
    width, height = SIZE
    image = sky(palette, rng)
    draw = ImageDraw.Draw(image)
    draw.polygon(ridge(rng, height * 0.45, 90), fill=far)
    ground = height * 0.72
    draw.rectangle([0, ground, width, height], fill=near)
    centre, base_half, steps = rng.randint(500, 1100), rng.randint(230, 330), rng.randint(5, 7)
    step_height = rng.randint(34, 46)
    for step in range(steps):
        half = base_half * (1 - step / (steps + 1.5))
        bottom = ground - step * step_height
        shade = 150 + step * 8
        draw.rectangle(
            [centre - half, bottom - step_height, centre + half, bottom], fill=(shade, shade - 12, shade - 30)
        )
        draw.line([centre - half, bottom, centre + half, bottom], fill="#5d5245", width=3)
    side = rng.choice([-1, 1])
    stele = min(max(centre + side * (base_half + rng.randint(120, 260)), 80), width - 80)
    draw.rectangle([stele - 28, ground - 230, stele + 28, ground], fill="#6e665c")
    draw.polygon([(stele - 40, ground - 230), (stele, ground - 262), (stele + 40, ground - 230)], fill="#5a534a")
    for _ in range(rng.randint(3, 6)):  # pines at the edges
        x = rng.choice([rng.randint(0, 300), rng.randint(1300, width)])
        conifer(draw, x, ground + rng.randint(10, 80), rng.randint(140, 220), "#2f4a33")
    return image


def draw_winter(rng, palette):
    """Deep snow and rime-covered firs under a pale sky, falling snow."""
    _, _, far, near, _, _ = palette
    width, height = SIZE
    image = sky(palette, rng, draw_sun=rng.random() < 0.4)
    draw = ImageDraw.Draw(image)
    line = ridge(rng, height * 0.45, 120)
    draw.polygon(line, fill=far)
    snow_caps(draw, rng, line[1:-1], 160)
    draw.polygon(ridge(rng, height * 0.62, 35), fill="#e3ebf2")
    draw.rectangle([0, height * 0.70, width, height], fill="#f1f5f9")
    for _ in range(rng.randint(12, 20)):
        x, base = rng.randint(0, width), height * 0.72 + rng.randint(0, 230)
        conifer(draw, x, base, rng.randint(110, 230), near, snowy=True)
    for _ in range(rng.randint(150, 260)):  # falling snow
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(2, 5)
        draw.ellipse([x - r, y - r, x + r, y + r], fill="white")
    return image


DRAWERS = {
    Scene.MOUNTAIN_LAKE: draw_mountain_lake,
    Scene.RIVER_BORDER: draw_river_border,
    Scene.VILLAGE: draw_village,
    Scene.HISTORICAL: draw_historical,
    Scene.WINTER: draw_winter,
}


def draw_scene(seed, scene):
    rng = random.Random(f"{scene}:{seed}")  # noqa: S311 - a drawing, not a secret
    return DRAWERS[scene](rng, rng.choice(PALETTES[scene]))


def illustration_jpeg(seed, scene):
    """JPEG bytes of a 1600 × 1000 drawing of the scene, without a word in it."""
    buffer = io.BytesIO()
    draw_scene(seed, scene).save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
