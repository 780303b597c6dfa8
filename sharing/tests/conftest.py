"""What the sharing tests share: a media folder of their own, and the corridor they look at (three counties,
published listings of every kind and their drafts)."""

from decimal import Decimal

import pytest

from attractions.tests.factories import make_attraction
from listings.models import Season, Status, Theme
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from villages.models import Festival
from villages.tests.factories import make_village


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def corridor():
    jian, hunchun = make_region("jian"), make_region("hunchun")
    make_region("tumen")  # a county with nothing published in it
    tomb = make_attraction(
        region=jian,
        slug="generals-tomb",
        name_zh_hans="将军坟",
        name_en="General's Tomb",
        summary_zh_hans="高句丽王陵，阶梯式石构金字塔，底边约七十五米。",
        summary_en="A stepped granite pyramid of a Koguryo king.",
        category=Theme.HISTORICAL,
        ticket_price=Decimal("30.00"),
        address_en="Jiangjunfen Road, Ji'an",
    )
    gate = make_attraction(
        region=hunchun,
        slug="fangchuan-gate",
        name_zh_hans="防川国门",
        name_en="Fangchuan Gate",
        summary_en="",
        category=Theme.WINTER,
        best_seasons=[Season.WINTER],
        ticket_price=Decimal("0"),
        opening_hours_en="8:00-17:00",
    )
    snowfield = make_attraction(
        region=hunchun, slug="snowfield", name_en="Snowfield", category=Theme.NATURAL, best_seasons=[Season.SUMMER]
    )
    village = make_village(
        region=hunchun,
        slug="fangchuan-village",
        name_zh_hans="防川村",
        name_en="Fangchuan",
        homestays=12,
        beds=80,
    )
    Festival.objects.create(village=village, name_zh_hans="稻米节", name_en="Rice festival", month=9)
    Festival.objects.create(village=village, name_zh_hans="冰雪节", name_en="Snow festival", month=1)
    draft = make_attraction(region=hunchun, slug="secret-draft", name_en="Secret draft", status=Status.DRAFT)
    draft_village = make_village(region=hunchun, slug="draft-village", status=Status.DRAFT)
    route = make_route(
        slug="whole-border",
        title_zh_hans="边境全程",
        title_en="Whole border",
        days=[[tomb, village], [draft, gate, snowfield]],
        price_from=Decimal("1280.00"),
        themes=[Theme.HISTORICAL, Theme.BORDER],
    )
    draft_route = make_route(slug="draft-route", status=Status.DRAFT)
    return {
        "tomb": tomb,
        "gate": gate,
        "snowfield": snowfield,
        "village": village,
        "route": route,
        "drafts": [draft, draft_village, draft_route],
    }
