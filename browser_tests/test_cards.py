"""Every list's cards lead with a picture of one shape (var(--card-ratio), 3:2), on a phone and on a laptop: a photo
cropped to it with its size reserved (width and height), a listing without a photo a quiet tile of the same shape."""

import pytest

from attractions.models import Attraction
from demo.loading.photos import illustrate
from routes.models import Route
from villages.models import Village

from .conftest import DESKTOP, PHONE, new_page

pytestmark = pytest.mark.browser

LISTS = ["/en/attractions/", "/en/villages/", "/en/routes/", "/en/stays/", "/"]
CARD_RATIO = 3 / 2

PICTURE_BOXES = """
(cards) => cards.map((card) => {
  const picture = card.querySelector('.card-image, .card-placeholder');
  if (!picture) return null;
  const box = picture.getBoundingClientRect();
  return {
    width: box.width, height: box.height, top: box.top - card.getBoundingClientRect().top,
    photo: picture.tagName === 'IMG',
    sized: picture.tagName !== 'IMG' || (picture.hasAttribute('width') && picture.hasAttribute('height')),
  };
})
"""


@pytest.fixture
def pictured(site):
    """Drawn pictures for a few listings (drawing all of them takes too long for a test); the others have none."""
    illustrate(Attraction.objects.get(slug="fangchuan"), "name")
    illustrate(Village.objects.get(slug="songling-snow-village"), "name")
    illustrate(Route.objects.get(slug="whole-jilin-border-7-days"), "title")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
def test_every_card_leads_with_a_picture_of_one_shape(browser, site, pictured, viewport):
    page = new_page(browser, viewport)
    photos = 0
    try:
        for path in LISTS:
            page.goto(f"{site}{path}")
            boxes = page.eval_on_selector_all(".cards > .card:not(.event-card):not(.port-card)", PICTURE_BOXES)
            assert boxes, path
            for box in boxes:
                assert box is not None, f"a card without a picture or its tile on {path}"
                assert box["top"] <= 1, (path, box)  # the picture comes first
                assert abs(box["width"] / box["height"] - CARD_RATIO) < 0.02, (path, box)
                assert box["sized"], (path, box)
                photos += box["photo"]
    finally:
        page.context.close()
    assert photos >= 3  # the drawn pictures were among them, cropped to the same shape
