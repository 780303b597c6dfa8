"""The six pages `make lighthouse` scores, as a visitor first sees them: a 360 × 740 phone and a 1,366 × 800 laptop, in
Chinese and Russian (the longest words), written to docs/screenshots/ as evidence of the design (issue 26), and axe-core
(vendored in the axe-playwright-python package, never a CDN) on each, failing on any serious or critical violation.

Only the first screen is taken (not the full page), and a file over 150 KB is re-saved with a 256-colour palette, so
the 24 PNG files stay small enough to commit; they are taken again whenever the design changes."""

import io
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from .conftest import new_page

# django_db: the test database exists, and reads in the test see the rows of shared_site (committed).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

DOCS_SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}
MAX_BYTES = 150_000

# The pages of `make lighthouse` (scripts/lighthouse.sh), without their language prefix.
PAGES = {
    "home": "/",
    "list": "/attractions/?county=hunchun",
    "attraction": "/attractions/fangchuan/",
    "route": "/routes/whole-jilin-border-7-days/",
    "ports": "/ports/",
    "events": "/events/",
}
LANGUAGES = {"zh-hans": "", "ru": "/ru"}
VIEWPORTS = ({"width": 360, "height": 740}, {"width": 1366, "height": 800})


# The demo data with the ports, the events, the practical facts and the drawn photos, as `make run` loads it: the
# screenshots show what a visitor sees (the home page's seasonal picture, the cards' pictures). Loaded once for the
# module (conftest.py shared_site): the tests only look.
SITE_LOADERS = (
    "load_demo_data",
    "load_port_data",
    "load_event_data",
    "load_practical_data",
    "make_demo_photos",
)


def save_small(png, path):
    """The screenshot as it is, or as a 256-colour palette PNG when it is over MAX_BYTES."""
    if len(png) > MAX_BYTES:
        image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        png = buffer.getvalue()
    path.write_bytes(png)
    return len(png)


@pytest.mark.parametrize("name", list(PAGES))
def test_first_screens_of_the_six_pages_and_axe(browser, shared_site, name):
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    violations = []
    for language, prefix in LANGUAGES.items():
        for viewport in VIEWPORTS:
            page = new_page(browser, viewport)
            try:
                response = page.goto(f"{shared_site}{prefix}{PAGES[name]}")
                assert response.status == 200, (language, PAGES[name], response.status)
                page.evaluate("document.fonts.ready")
                path = DOCS_SCREENSHOTS / f"{name}-{language}-{viewport['width']}.png"
                size = save_small(page.screenshot(full_page=False), path)
                assert size <= MAX_BYTES * 1.5, f"{path.name} is {size} bytes"
                results = Axe().run(page).response["violations"]
                violations += [
                    (language, viewport["width"], v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                    for v in results
                    if v["impact"] in BLOCKING_IMPACTS
                ]
            finally:
                page.context.close()
    assert not violations, violations
