"""The visual system of static/css/site.css: colours as custom properties in one place (its :root, and the dark
scheme's block redefining them), and every text/background pair the pages use readable (WCAG 2.2 AA) in both schemes.

The contrast is computed from the tokens as written: change a colour to one that is too light or too dark and a test
here fails, naming the pair.
"""

import re
from pathlib import Path

import pytest

STATIC_CSS = Path(__file__).resolve().parents[2] / "static" / "css"
SITE_CSS = STATIC_CSS / "site.css"
# The public site's other style sheets use the tokens too (dashboard.css lives in the admin: the admin's tokens).
TOKEN_USERS = ["site.css", "trip.css", "dashboard.css"]

TEXT, LARGE_TEXT, NON_TEXT = 4.5, 3.0, 3.0  # WCAG 1.4.3 (normal and large text) and 1.4.11 (borders, icons, focus)

# (foreground, background, minimum ratio, where the pair is used)
PAIRS_IN_USE = [
    ("--ink", "--paper", TEXT, "body text"),
    ("--ink", "--card", TEXT, "card and panel text"),
    ("--muted", "--paper", TEXT, "muted text, lead paragraphs"),
    ("--muted", "--card", TEXT, "card facts and summaries"),
    ("--muted", "--footer-bg", TEXT, "footer text"),
    ("--link", "--paper", TEXT, "links"),
    ("--link", "--card", TEXT, "links on cards and panels"),
    ("--link", "--footer-bg", TEXT, "footer links"),
    ("--link-hover", "--paper", TEXT, "a link under the pointer"),
    ("--link-hover", "--card", TEXT, "a link under the pointer on a card"),
    ("--on-dark", "--header-bg", TEXT, "header: brand and navigation"),
    ("--on-dark", "--header-hover", TEXT, "header: a navigation link under the pointer, an open menu button"),
    ("--highlight-ink", "--sun", TEXT, "the brand mark G331"),
    ("--ink", "--panel-bg", TEXT, "the open menu and language list"),
    ("--link", "--panel-bg", TEXT, "the current page in the open menu"),
    ("--link", "--secondary-hover", TEXT, "a menu entry under the pointer"),
    ("--on-dark", "--primary-bg", TEXT, "primary buttons, the current month, a chip under the pointer"),
    ("--on-dark", "--primary-hover", TEXT, "a primary button under the pointer"),
    ("--secondary-ink", "--secondary-bg", TEXT, "secondary buttons"),
    ("--secondary-ink", "--secondary-hover", TEXT, "a secondary button under the pointer"),
    ("--highlight-ink", "--highlight-bg", TEXT, "highlight buttons, badges, the skip link"),
    ("--highlight-ink", "--highlight-hover", TEXT, "a highlight button under the pointer"),
    ("--ink", "--notice-bg", TEXT, "notices and border-area notes"),
    ("--ink", "--river-tint", TEXT, "filter chips"),
    ("--muted", "--neutral-tint", TEXT, "facet counts"),
    ("--ink", "--neutral-tint", TEXT, "the past-event flag"),
    ("--warning-ink", "--warning-bg", TEXT, "stale-fact flags"),
    ("--ink", "--warning-bg", TEXT, "emergency numbers"),
    ("--forest-ink", "--card", TEXT, "crossing: yes"),
    ("--meadow-ink", "--card", TEXT, "crossing: yes for some"),
    ("--sun-ink", "--card", TEXT, "crossing: suspended"),
    ("--gate-ink", "--card", TEXT, "crossing: no"),
    ("--preview-ink", "--preview-bg", TEXT, "the staff preview banner"),
    ("--map-label", "--map-bg", TEXT, "county names on the drawn map"),
    ("--on-dark", "--marker-bg", TEXT, "numbered stops on the live map"),
    ("--placeholder-ink", "--sky", NON_TEXT, "the mark of a card without a photo"),
    ("--field-line", "--card", NON_TEXT, "form field borders"),
    ("--focus", "--paper", NON_TEXT, "the focus ring"),
    ("--focus", "--card", NON_TEXT, "the focus ring on cards"),
    ("--focus-on-dark", "--header-bg", NON_TEXT, "the focus ring in the header"),
    ("--forest", "--card", NON_TEXT, "crossing: yes (border)"),
    ("--gate", "--card", NON_TEXT, "crossing: no (border), warnings"),
]

HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b")
VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^)]*))?\)")


def without_comments(css):
    return re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)


def block_after(css, start):
    """The text between the brace opening at or after `start` and its matching closing brace, and where it ends."""
    opening = css.index("{", start)
    depth = 0
    for position in range(opening, len(css)):
        depth += {"{": 1, "}": -1}.get(css[position], 0)
        if depth == 0:
            return css[opening + 1 : position], position + 1
    raise ValueError("unbalanced braces")


def declarations(block):
    return {name: value.strip() for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", block)}


def root_and_dark_blocks(css):
    """The top-level :root block and the :root inside @media (prefers-color-scheme: dark), with their spans."""
    css = without_comments(css)
    root_start = re.search(r"(?m)^:root\s*\{", css).start()
    root, root_end = block_after(css, root_start)
    dark_start = re.search(r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{", css).start()
    media, dark_end = block_after(css, dark_start)
    dark_root, _ = block_after(media, media.index(":root"))
    return root, dark_root, [(root_start, root_end), (dark_start, dark_end)]


def tokens(css):
    """The colour tokens of the light scheme and of the dark one (the light tokens the dark block redefines)."""
    root, dark_root, _ = root_and_dark_blocks(css)
    light = declarations(root)
    return {"light": light, "dark": {**light, **declarations(dark_root)}}


def resolve(name, scheme, seen=()):
    value = scheme[name]
    match = VAR.fullmatch(value)
    if match:
        assert match.group(1) not in seen, f"{name} refers to itself"
        return resolve(match.group(1), scheme, (*seen, name))
    return value


def relative_luminance(hex_colour):
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    assert len(digits) == 6, f"an opaque colour is needed for a contrast: {hex_colour}"
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground, background):
    lighter, darker = sorted([relative_luminance(foreground), relative_luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_gives_the_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#fff", "#fff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey AA allows on white


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_and_background_pair_in_use_meets_wcag_aa(scheme):
    palette = tokens(SITE_CSS.read_text())[scheme]
    failures = []
    for foreground, background, minimum, used_for in PAIRS_IN_USE:
        ink, ground = resolve(foreground, palette), resolve(background, palette)
        ratio = contrast(ink, ground)
        if ratio < minimum:
            failures.append(f"{used_for}: {foreground} {ink} on {background} {ground} is {ratio:.2f}:1 < {minimum}:1")
    assert not failures, failures


def test_a_colour_changed_to_a_bad_one_fails_the_check():
    css = SITE_CSS.read_text().replace("--muted: #52616b;", "--muted: #9aa5ad;", 1)
    palette = tokens(css)["light"]
    assert contrast(resolve("--muted", palette), resolve("--card", palette)) < TEXT


def test_the_dark_scheme_redefines_the_grounds_and_inks():
    palette = tokens(SITE_CSS.read_text())
    for name in ("--ink", "--muted", "--paper", "--card", "--link", "--line"):
        assert resolve(name, palette["dark"]) != resolve(name, palette["light"]), name
    dark = palette["dark"]
    assert relative_luminance(resolve("--paper", dark)) < relative_luminance(resolve("--ink", dark))


@pytest.mark.parametrize("sheet", TOKEN_USERS)
def test_no_colour_is_written_outside_the_tokens(sheet):
    css = without_comments((STATIC_CSS / sheet).read_text())
    if sheet == "site.css":
        _, _, spans = root_and_dark_blocks(css)
        for start, end in sorted(spans, reverse=True):
            css = css[:start] + css[end:]
    assert HEX.findall(css) == []


@pytest.mark.django_db
def test_the_site_follows_the_device_scheme_and_motion_preference(client):
    css = without_comments(SITE_CSS.read_text())
    reduced, _ = block_after(css, css.index("@media (prefers-reduced-motion: reduce)"))
    assert "transition: none" in reduced and "animation-duration" in reduced and "scroll-behavior: auto" in reduced
    assert "color-scheme: light dark" in css
    page = client.get("/en/").content.decode()
    assert '<meta name="color-scheme" content="light dark">' in page


def test_every_card_picture_has_one_shape_and_its_size_reserved():
    css = without_comments(SITE_CSS.read_text())
    rule = re.search(r"\.card-image, \.card picture img \{([^}]*)\}", css).group(1)
    assert "aspect-ratio: var(--card-ratio)" in rule and "object-fit: cover" in rule
    placeholder = re.search(r"\.card-placeholder \{([^}]*)\}", css).group(1)
    assert "aspect-ratio: var(--card-ratio)" in placeholder
