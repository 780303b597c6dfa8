"""The demo data command: what it loads, and that loading again changes nothing."""

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from attractions.models import Attraction
from demo.loading.corridor import ALREADY_LOADED
from demo.loading.corridor_files import DATA_DIR
from listings.models import Region, Source, Status
from routes.models import Route, RouteDay, RouteStop
from villages.models import Culture, Village

REGION_SLUGS = [
    "jian",
    "hunjiang",
    "linjiang",
    "changbai",
    "changbaishan",
    "antu",
    "helong",
    "longjing",
    "tumen",
    "hunchun",
]
REQUIRED_TOURS = [
    "koguryo-yalu-2-days",
    "changbai-mountain-korean-villages-3-days",
    "three-countries-tumen-hunchun-2-days",
    "whole-jilin-border-7-days",
]


def load(*args):
    out = StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue().strip()


def snapshot():
    """Every row the demo data touches, with its timestamps, in a stable order."""
    return {
        "regions": list(Region.objects.order_by("slug").values()),
        "sources": list(Source.objects.order_by("key").values()),
        "attractions": list(Attraction.objects.order_by("slug").values()),
        "villages": list(Village.objects.order_by("slug").values()),
        "attraction_sources": sorted(Attraction.sources.through.objects.values_list("attraction_id", "source_id")),
        "village_sources": sorted(Village.sources.through.objects.values_list("village_id", "source_id")),
        "routes": list(Route.objects.order_by("slug").values()),
        "days": list(RouteDay.objects.order_by("route_id", "number").values()),
        "stops": list(RouteStop.objects.order_by("day_id", "position").values()),
    }


def counts():
    return (
        Region.objects.count(),
        Source.objects.count(),
        Attraction.objects.count(),
        Village.objects.count(),
        Route.objects.count(),
        RouteDay.objects.count(),
        RouteStop.objects.count(),
    )


DEMO_LOADERS = ("load_demo_data",)


@pytest.fixture
def loaded(demo_data, db):
    """The demo data, loaded once for this module (conftest.py demo_data): what the first load said."""
    return demo_data["load_demo_data"]


def test_first_load_reports_what_it_created(loaded):
    assert loaded == (
        "Demo data: 10 regions, 67 sources, 34 attractions, 17 villages, 5 Border Tours, 16 airports and stations "
        "and 2 places to stay (created 151, updated 0, unchanged 0)."
    )


def test_regions_are_the_ten_jilin_units_in_corridor_order(loaded):
    regions = list(Region.objects.along_corridor())
    assert [region.slug for region in regions] == REGION_SLUGS
    assert [region.corridor_order for region in regions] == list(range(1, 11))
    jian = regions[0]
    assert (jian.name_zh_hans, jian.name_en, jian.latitude, jian.longitude) == ("集安", "Ji'an", 41.12, 126.19)
    assert jian.prefecture_en == "Tonghua"


def test_counts_of_listings(loaded):
    assert Attraction.objects.count() == 34
    assert Village.objects.count() == 17
    # S1–S66 and the page address behind the Yalu River National Gate's 4A (a_levels.csv), and the 40 page
    # addresses the airports and stations cite (practical/hubs.csv).
    assert Source.objects.count() == 67 + 40
    assert Attraction.objects.published().count() == 34
    assert Village.objects.published().count() == 17


def test_every_listing_has_a_source_and_a_chinese_and_english_name(loaded):
    for model in (Attraction, Village):
        for place in model.objects.prefetch_related("sources"):
            assert place.sources.exists(), place.slug
            assert place.name_zh_hans and place.name_en and place.summary_zh_hans and place.summary_en, place.slug
            assert place.confidence in {"high", "medium", "low"}


def test_sources_keep_the_citations_of_the_fact_sheet(loaded):
    assert Source.objects.get(key="S15").citation == "Wikipedia: Tomb of the General"
    assert (
        Attraction.objects.get(slug="koguryo-cultural-relics").sources.filter(key__in=["S13", "S14", "S21"]).count()
        == 3
    )


def test_a_listing_without_coordinates_sits_approximately_on_its_county_seat(loaded):
    tomb = Attraction.objects.select_related("region").get(slug="generals-tomb")
    assert tomb.region.slug == "jian"
    assert tomb.position_is_approximate
    assert (tomb.latitude, tomb.longitude) == (tomb.region.latitude, tomb.region.longitude)
    village = Village.objects.select_related("region").get(slug="songling-snow-village")
    assert village.position_is_approximate
    assert (village.latitude, village.longitude) == (41.81, 126.92)


def test_a_listing_with_coordinates_is_exact(loaded):
    fangchuan = Attraction.objects.get(slug="fangchuan")
    assert not fangchuan.position_is_approximate
    assert (fangchuan.latitude, fangchuan.longitude) == (42.437, 130.588)
    assert fangchuan.region.slug == "hunchun"
    assert fangchuan.a_level == 4
    assert fangchuan.category == "border"


def test_attraction_fields_follow_the_csv(loaded):
    tianchi = Attraction.objects.get(slug="changbai-mountain-tianchi")
    assert tianchi.region.slug == "changbaishan"
    assert tianchi.a_level == 5
    assert tianchi.best_seasons == ["summer", "autumn", "winter"]
    assert tianchi.ticket_price is None
    assert tianchi.opening_hours == "" and tianchi.address == "" and tianchi.contact == ""
    assert Attraction.objects.get(slug="qidaojiang-conference-memorial").best_seasons == [
        "spring",
        "summer",
        "autumn",
        "winter",
    ]
    assert Attraction.objects.get(slug="jian-museum").best_seasons == []
    # No A-level in the sources is "not known" (NULL), not "not rated" (0).
    assert Attraction.objects.get(slug="generals-tomb").a_level is None


def test_listings_pass_model_validation(loaded):
    for model in (Attraction, Village):
        for place in model.objects.all():
            place.full_clean()


def test_village_fields_follow_the_csv(loaded):
    guoyuan = Village.objects.get(slug="guoyuan-village")
    assert guoyuan.culture == Culture.KOREAN
    assert guoyuan.culture_note_en == "Korean (74%)"
    assert guoyuan.culture_note_zh_hans == "朝鲜族（74%）"
    assert (guoyuan.town_zh_hans, guoyuan.town_en) == ("马鹿沟镇", "Malugou")
    assert Village.objects.get(slug="songling-snow-village").culture == Culture.HAN
    assert Village.objects.get(slug="gucheng-village").culture == Culture.UNKNOWN
    jindallae = Village.objects.get(slug="jindallae-village")
    assert jindallae.homestays is None and jindallae.beds is None
    assert "40+ guesthouses" in jindallae.summary_en
    assert not jindallae.festivals.exists()


def test_every_text_is_in_all_four_languages_and_marked_as_the_teams_translation(loaded):
    """The CSVs give English; the Chinese, Korean and Russian texts are the team's translations of it."""
    columns = ("zh_hans", "en", "ko", "ru")
    guangdong = Village.objects.get(slug="guangdong-village")
    assert guangdong.written_in == "en"
    assert (guangdong.name_ko, guangdong.town_ko, guangdong.culture_note_ru) == ("광동촌", "둥청진", "Корейцы (98 %)")
    assert guangdong.summary_ru == "Органический рис, рисовые поля в совместной аренде, гостевые дома."
    for model, fields in (
        (Attraction, ("name", "summary")),
        (Village, ("name", "summary")),
        (Route, ("title", "summary")),
    ):
        for listing in model.objects.all():
            assert listing.written_in == "en", listing.slug
            for field in fields:
                assert all(getattr(listing, f"{field}_{code}") for code in columns), (listing.slug, field)
    for day in RouteDay.objects.select_related("route"):
        for field in ("title", "description", "overnight"):
            assert all(getattr(day, f"{field}_{code}") for code in columns), (day.route.slug, day.number, field)
    for region in Region.objects.all():
        assert all(getattr(region, f"name_{code}") and getattr(region, f"prefecture_{code}") for code in columns)
        assert all(getattr(region, f"summary_{code}") for code in columns) or not region.summary_en


def test_korean_and_russian_names(loaded):
    """Korean: the South Korean notation of Chinese names, with the Hanja reading Koreans know; Russian: Palladius."""
    assert Region.objects.get(slug="hunchun").name_ru == "Хуньчунь"
    assert Region.objects.get(slug="longjing").name_ko == "룽징(용정)"  # Yonhap spelling, Hanja reading in brackets
    assert Region.objects.get(slug="antu").name_ko == "안투"
    assert Region.objects.get(slug="hunjiang").name_ru == "район Хуньцзян"
    assert Attraction.objects.get(slug="gwanggaeto-stele").name_ko == "광개토대왕릉비"
    assert Attraction.objects.get(slug="fangchuan").name_ru == "Живописный район Фанчуань"
    tianchi = Attraction.objects.get(slug="changbai-mountain-tianchi")
    assert tianchi.name_ko == "백두산(중국명 창바이산)과 천지"
    assert tianchi.name_ru == "Гора Чанбайшань (Пэктусан) и озеро Тяньчи"


def test_plain_columns_hold_the_chinese_text(loaded):
    tomb = Attraction.objects.filter(slug="generals-tomb").values("name", "summary").get()
    assert tomb == {"name": "将军坟", "summary": Attraction.objects.get(slug="generals-tomb").summary_zh_hans}


def test_every_tour_stop_is_exactly_one_published_place(loaded):
    stops = RouteStop.objects.select_related("attraction", "village")
    assert stops.exists()
    for stop in stops:
        assert (stop.attraction is None) != (stop.village is None)
        assert stop.place.status == Status.PUBLISHED
        assert stop.road_km_from_previous is None


def test_required_tours_have_their_days_each_with_stops(loaded):
    for slug in REQUIRED_TOURS:
        route = Route.objects.get(slug=slug)
        assert route.status == Status.PUBLISHED
        assert route.price_from is None
        days = list(route.days.order_by("number"))
        assert route.duration_days == len(days)
        assert [day.number for day in days] == list(range(1, len(days) + 1))
        for day in days:
            assert day.stops.exists(), (slug, day.number)
            assert day.title_zh_hans and day.title_en and day.overnight_zh_hans and day.overnight_en


def test_whole_corridor_tour_visits_every_county_in_order(loaded):
    route = Route.objects.get(slug="whole-jilin-border-7-days")
    assert route.duration_days == 7
    orders = [
        stop.place.region.corridor_order
        for day in route.days.order_by("number")
        for stop in day.stops.select_related("attraction__region", "village__region").order_by("position")
    ]
    assert orders == sorted(orders)
    assert set(orders) == set(range(1, 11))
    assert (route.start_region.slug, route.end_region.slug) == ("jian", "hunchun")


def test_second_run_changes_nothing(loaded):
    before, rows = snapshot(), counts()
    assert load() == ALREADY_LOADED
    assert counts() == rows
    assert snapshot() == before


def test_update_twice_gives_identical_rows(loaded):
    before = snapshot()
    expected = (
        "Demo data: 10 regions, 67 sources, 34 attractions, 17 villages, 5 Border Tours, 16 airports and stations "
        "and 2 places to stay (created 0, updated 0, unchanged 151)."
    )
    assert load("--update") == expected
    assert snapshot() == before
    assert load("--update") == expected
    assert snapshot() == before


def test_update_reapplies_the_files(loaded):
    tomb = Attraction.objects.get(slug="generals-tomb")
    tomb.name_en = "Edited"
    tomb.save()
    tomb.sources.clear()
    stop = RouteStop.objects.filter(day__route__slug="koguryo-yalu-2-days").first()
    stop.suggested_minutes = 5
    stop.save()
    message = load("--update")
    assert "updated 2," in message and "unchanged 149" in message
    tomb.refresh_from_db()
    assert tomb.name_en == "General's Tomb (Jiangjunfen)"
    assert list(tomb.sources.values_list("key", flat=True)) == ["S15"]
    assert not RouteStop.objects.filter(day__route__slug="koguryo-yalu-2-days", suggested_minutes=5).exists()


def test_reset_deletes_and_loads_again(loaded):
    rows = counts()
    Village.objects.filter(slug="qianwan-village").update(name_en="Edited")
    Attraction.objects.filter(slug="laolongkou-reservoir").delete()
    message = load("--reset")
    assert message.startswith("Demo data: 10 regions, 67 sources, 34 attractions, 17 villages, 5 Border Tours")
    assert "updated 0, unchanged 0" in message
    assert counts() == rows
    assert Village.objects.get(slug="qianwan-village").name_en == "Qianwan"
    assert Attraction.objects.filter(slug="laolongkou-reservoir").exists()


def test_reset_keeps_regions_other_listings_use_and_refuses_to_break_staff_tours(loaded):
    jian = Region.objects.get(slug="jian")
    Attraction.objects.create(
        name="测试",
        name_zh_hans="测试",
        slug="staff-place",
        region=jian,
        latitude=41.1,
        longitude=126.2,
        category="natural",
    )
    load("--reset")
    assert Region.objects.get(slug="jian").pk == jian.pk
    assert Attraction.objects.filter(slug="staff-place").exists()
    staff_tour = Route.objects.create(
        title="员工",
        title_zh_hans="员工",
        slug="staff-tour",
        duration_days=1,
        transport="coach",
        start_region=jian,
        end_region=jian,
    )
    day = RouteDay.objects.create(route=staff_tour, number=1, title="一", title_zh_hans="一")
    RouteStop.objects.create(day=day, attraction=Attraction.objects.get(slug="generals-tomb"))
    with pytest.raises(CommandError, match="staff-tour"):
        load("--reset")
    assert Attraction.objects.filter(slug="generals-tomb").exists()


def test_data_files_are_consistent():
    texts = json.loads((DATA_DIR / "translations.json").read_text(encoding="utf-8"))
    with open(DATA_DIR / "attractions.csv", encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(texts["attractions"]) == 34
    slugs = [entry["slug"] for entry in texts["attractions"] + texts["villages"]]
    assert all(slug == slug.lower() and " " not in slug for slug in slugs)
    tours = json.loads((DATA_DIR / "tours.json").read_text(encoding="utf-8"))["tours"]
    assert {tour["slug"] for tour in tours} >= set(REQUIRED_TOURS)


def test_the_yalu_river_national_gate_is_4a_with_the_page_that_says_so(loaded):
    """Its row in attractions.csv gives no A-level; ports-tourism.csv does (a_levels.csv), with its source."""
    gate = Attraction.objects.get(slug="yalu-river-national-gate")
    assert gate.a_level == 4
    assert "blog.sina.com.cn/s/blog_1a54f8c110102zwt4.html" in gate.sources.values_list("citation", flat=True)
    assert gate.sources.filter(key="S9").exists()


def test_no_attraction_is_said_to_be_not_rated_without_a_source(loaded):
    assert not Attraction.objects.filter(a_level=0).exists()
    assert Attraction.objects.filter(a_level__isnull=True).count() == 34 - 5


def test_hunjiangs_place_in_the_road_order_is_marked_uncertain(loaded):
    """g331_sequence.csv gives Hunjiang's row a low confidence: its place in the order is unverified."""
    uncertain = [region.slug for region in Region.objects.along_corridor() if region.order_is_uncertain]
    assert uncertain == ["hunjiang"]


def test_no_demo_tour_stops_at_a_place_out_of_its_seasons(loaded):
    """The summer and autumn Changbai tour no longer stops at Mojie, whose rime is a winter sight."""
    for route in Route.objects.all():
        assert route.stops_out_of_season() == [], route.slug
    changbai = Route.objects.get(slug="changbai-mountain-korean-villages-3-days")
    assert not RouteStop.objects.filter(day__route=changbai, attraction__slug="mojie-rime").exists()
    assert RouteStop.objects.filter(day__route__slug="snow-villages-and-rime-3-days", attraction__slug="mojie-rime")
