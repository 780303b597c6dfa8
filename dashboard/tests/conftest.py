import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from attractions.tests.factories import make_attraction, make_attraction_photo
from dashboard import counting
from listings.models import Status, Theme
from listings.tests.factories import make_region, make_source
from routes.tests.factories import make_route
from villages.tests.factories import make_village


@pytest.fixture(autouse=True)
def _empty_buffer(settings):
    """Each test starts with nothing counted in this process's memory, and leaves nothing behind; its own key
    prefix makes every client a new one (the cache is shared by test runs and keeps who was counted today)."""
    settings.PAGE_VIEWS = {**settings.PAGE_VIEWS, "KEY_PREFIX": f"test-{uuid.uuid4().hex}:pageviews"}
    counting.discard_buffer()
    yield
    counting.discard_buffer()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def tiny_jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (70, 130, 180)).save(buffer, "JPEG")
    return SimpleUploadedFile("tiny.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def corridor():
    """Two counties with listings in every state the dashboard counts, and a Border Tour through both."""
    jian, hunchun, changbai = make_region("jian"), make_region("hunchun"), make_region("changbai")
    source = make_source()
    full = {"summary_en": "Text", "summary_ko": "글", "summary_ru": "Текст", "summary_zh_hans": "文字"}
    listings = {
        # Ji'an: one complete published attraction, one draft without English, one in review, approximate.
        "tomb": make_attraction(region=jian, slug="tomb", category=Theme.HISTORICAL, **full),
        "wall": make_attraction(
            region=jian, slug="wall", status=Status.DRAFT, name_en="", summary_zh_hans="城墙", summary_en=""
        ),
        "kiln": make_attraction(
            region=jian, slug="kiln", status=Status.IN_REVIEW, position_is_approximate=True, **full
        ),
        "jian-village": make_village(region=jian, slug="jian-village", homestays=4, beds=20, **full),
        # Hunchun: a published attraction without photo or source, a draft village, a published village.
        "fangchuan": make_attraction(region=hunchun, slug="fangchuan", category=Theme.BORDER),
        "draft-village": make_village(region=hunchun, slug="draft-village", status=Status.DRAFT, homestays=9, beds=40),
        "hunchun-village": make_village(
            region=hunchun, slug="hunchun-village", homestays=12, beds=60, position_is_approximate=True
        ),
    }
    for slug in ("tomb", "kiln"):
        listings[slug].sources.add(source)
        make_attraction_photo(listings[slug], tiny_jpeg())
    listings["jian-village"].sources.add(source)
    listings["tour"] = make_route(
        slug="tour", start_region=jian, end_region=jian, days=[[listings["tomb"], listings["fangchuan"]]]
    )
    listings["changbai-tour"] = make_route(slug="changbai-tour", start_region=changbai, end_region=changbai)
    listings["regions"] = {"jian": jian, "hunchun": hunchun, "changbai": changbai}
    return listings


@pytest.fixture
def flush_by_hand(monkeypatch):
    """The buffer goes on only when the test flushes it: a request slower than a second (a loaded machine) would
    otherwise send it on as it ends, and the test could not tell what its own flush sent."""
    monkeypatch.setattr(counting, "BUFFER_SECONDS", 3600)
