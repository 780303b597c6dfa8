"""The demo's places to stay: only those a source names, with its source and date, unknown facts left unknown."""

from io import StringIO

import pytest
from django.core.management import call_command

from listings.models import Region
from stays.models import Stay, StayKind
from stays.tests.factories import make_stay

pytestmark = pytest.mark.django_db

CRI_REPORT = "jl.cri.cn/n/20241212/96dc9460-9625-fe96-7782-6b2773d0aff3.html"


def load(*args):
    out = StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue().strip()


DEMO_LOADERS = ("load_demo_data",)


@pytest.fixture
def loaded(demo_data, db):
    """The corridor with its places to stay, loaded once for this module (conftest.py demo_data): what it said."""
    return demo_data["load_demo_data"]


def test_the_two_stays_road_csv_names_are_loaded(loaded):
    assert "and 2 places to stay" in loaded
    stays = {stay.slug: stay for stay in Stay.objects.select_related("region", "village")}
    assert sorted(stays) == ["junjianhua-hotel-guchengli", "nanmao-hotel-nanping"]
    nanmao, junjianhua = stays["nanmao-hotel-nanping"], stays["junjianhua-hotel-guchengli"]
    assert (nanmao.name_zh_hans, nanmao.name_en, nanmao.kind) == ("南茂酒店", "Nanmao Hotel", StayKind.HOTEL)
    assert nanmao.village.slug == "nanping-village"
    assert (junjianhua.name_zh_hans, junjianhua.village) == ("军舰花宾馆", None)
    for stay in stays.values():
        assert stay.region.slug == "helong" and stay.is_published
        assert stay.written_in == "en"  # the Chinese, Korean and Russian texts are marked as the team's translations
        assert stay.name_ko and stay.name_ru and stay.summary_ko and stay.summary_ru


def test_each_stay_has_the_report_as_its_dated_news_source(loaded):
    for stay in Stay.objects.all():
        source = stay.sources.get()
        assert (source.citation, source.kind, str(source.published_on)) == (CRI_REPORT, "news", "2024-12-12")


def test_what_no_source_gives_stays_unknown_and_positions_are_approximate(loaded):
    helong = Region.objects.get(slug="helong")
    for stay in Stay.objects.all():
        assert stay.beds is None and stay.rooms is None and stay.languages_spoken is None
        assert (stay.phone, stay.booking_url, stay.price_note, stay.winter_opening) == ("", "", "", "unknown")
        assert stay.position_is_approximate
        assert (stay.latitude, stay.longitude) == (helong.latitude, helong.longitude)


def test_loading_again_changes_nothing_and_reset_keeps_an_editors_stay(loaded):
    assert "created 0, updated 0, unchanged 151" in load("--update")
    make_stay(region=Region.objects.get(slug="helong"), slug="editors-own")
    assert "and 2 places to stay" in load("--reset")
    assert Stay.objects.count() == 3
    assert Stay.objects.get(slug="editors-own").region.slug == "helong"


def test_the_pages_of_the_demo_stays(client, loaded):
    content = client.get("/en/stays/?county=helong").content.decode()
    assert "Nanmao Hotel" in content and "Junjianhua Hotel" in content
    page = client.get("/stays/nanmao-hotel-nanping/").content.decode()
    assert "本文由门户网站团队译自英语。" in page
    assert "<dt>床位数</dt><dd>未知</dd>" in page
    assert "在这里住宿" in client.get("/villages/nanping-village/").content.decode()
    assert "暂无住宿信息" in client.get("/stays/?county=hunchun").content.decode()
