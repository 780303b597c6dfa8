"""Getting there: the hubs from the fact sheet, their pages in four languages, the nearest hubs on a place's page
(never a distance from a position that is not known), and the hub a Border Tour starts from."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from attractions.tests.factories import make_attraction
from hubs.models import DatePrecision, HubKind, TransportHub
from hubs.tests.factories import make_hub
from listings.geometry import great_circle_km
from listings.models import Region, Source, Status
from listings.tests.factories import make_region
from ports.tests.factories import make_port
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)
YANJI_AIRPORT = (42.882, 129.450)


@pytest.fixture(autouse=True)
def fixed_today(set_day):
    set_day(TODAY)


@pytest.fixture
def hubs():
    hunchun = make_region("hunchun")
    return {
        "yanji-airport": make_hub(
            slug="yanji-airport",
            kind=HubKind.AIRPORT,
            name_zh_hans="延吉朝阳川国际机场",
            name_en="Yanji Chaoyangchuan International Airport",
            name_ko="옌지 차오양촨 국제공항",
            name_ru="Международный аэропорт Яньцзи Чаоянчуань",
            summary_zh_hans="距延吉市中心5公里的机场。",
            summary_en="Airport 5 km from the centre of Yanji.",
            summary_ko="옌지(연길) 시내에서 5km 떨어진 공항.",
            summary_ru="Аэропорт в 5 км от центра Яньцзи.",
            iata_code="YNJ",
            icao_code="ZYYJ",
            latitude=YANJI_AIRPORT[0],
            longitude=YANJI_AIRPORT[1],
            lines_en="Beijing, Shanghai, Seoul",
            verified_on=datetime.date(2026, 2, 17),
        ),
        "changchun": make_hub(
            slug="changchun-airport",
            kind=HubKind.AIRPORT,
            name_en="Changchun Longjia",
            latitude=43.996,
            longitude=125.685,
        ),
        "hunchun-station": make_hub(
            slug="hunchun-station",
            name_zh_hans="珲春站",
            name_en="Hunchun railway station",
            region=hunchun,
            verified_on=datetime.date(2015, 9, 20),
        ),
        "draft": make_hub(slug="draft-hub", name_en="Draft hub", latitude=42.9, longitude=129.5, status=Status.DRAFT),
    }


# Loading -----------------------------------------------------------------------------------------


def test_the_demo_data_loads_every_hub_of_the_csv_with_its_sources_dates_and_no_invented_position():
    call_command("load_demo_data")
    assert TransportHub.objects.count() == 16
    yanji = TransportHub.objects.get(slug="yanji-chaoyangchuan-airport")
    assert (yanji.latitude, yanji.longitude) == YANJI_AIRPORT
    assert (yanji.iata_code, yanji.icao_code) == ("YNJ", "ZYYJ")
    assert yanji.region is None  # Yanji is not on the G331
    assert yanji.name_zh_hans == "延吉朝阳川国际机场" and yanji.name_ko == "옌지 차오양촨 국제공항"
    assert yanji.written_in == "en"
    assert yanji.verified_on == datetime.date(2026, 2, 17)  # the newest of its seven sources' dates
    assert yanji.opening_year == 1985 and yanji.opening_note_en == "civil use; military field since 1952"
    assert yanji.sources.count() == 7
    cri = yanji.sources.get(citation__startswith="big5.cri.cn")
    assert cri.published_on == datetime.date(2025, 10, 27)
    assert yanji.sources.get(citation__startswith="kotoba.ne.jp").published_on is None  # "undated"
    # No source gives a station's position: none is made up, and none stands in.
    hunchun = TransportHub.objects.get(slug="hunchun-station")
    assert hunchun.latitude is None and hunchun.longitude is None
    assert hunchun.region.slug == "hunchun"
    assert hunchun.kind == HubKind.HIGH_SPEED_RAIL
    # A copy's date is not the report's: Ji'an station has no dated source.
    assert TransportHub.objects.get(slug="jian-station").verified_on is None
    transfer = TransportHub.objects.get(slug="changbaishan-north-transfer-centre")
    assert (transfer.verified_on, transfer.verified_precision) == (datetime.date(2019, 1, 1), DatePrecision.YEAR)
    assert TransportHub.objects.with_known_position().count() == 3
    # Loading again changes nothing; the tours name the hub they start from only where it is plain.
    call_command("load_demo_data", "--update")
    assert TransportHub.objects.count() == 16
    from routes.models import Route

    starts = dict(Route.objects.values_list("slug", "start_hub__slug"))
    assert starts["three-countries-tumen-hunchun-2-days"] == "tumen-north-station"
    assert starts["changbai-mountain-korean-villages-3-days"] is None
    for hub in TransportHub.objects.all():
        hub.full_clean()


def test_a_hub_needs_both_coordinates_or_neither(hubs):
    hub = hubs["hunchun-station"]
    hub.latitude = 42.9
    with pytest.raises(ValidationError) as error:
        hub.full_clean()
    assert "longitude" in error.value.message_dict


# Nearest hubs ------------------------------------------------------------------------------------


def nearest_section(page):
    start = page.index('id="hubs-heading"')
    return page[start : page.index("</section>", start)]


def test_a_place_names_its_nearest_hubs_with_the_straight_line_distance(client, hubs):
    place = make_attraction(region=make_region("hunchun"), slug="fangchuan", latitude=42.43, longitude=130.60)
    nearest = list(TransportHub.objects.published().nearest_to(place))
    assert [hub.slug for hub in nearest] == ["yanji-airport", "changchun-airport", "hunchun-station"]
    expected = great_circle_km(42.43, 130.60, *YANJI_AIRPORT)
    assert nearest[0].distance_km == pytest.approx(expected)
    assert nearest[2].distance_km is None  # its position is unknown: no distance, ever
    page = nearest_section(client.get("/attractions/fangchuan/").content.decode())
    assert "最近的交通枢纽" in page
    assert f"直线距离 约 {round(expected)} 公里" in page
    assert "位置不详，无距离" in page
    assert "Draft hub" not in page


def test_a_place_whose_position_is_approximate_gets_its_countys_hubs_without_any_distance(client, hubs):
    hunchun = make_region("hunchun")
    make_village(region=hunchun, slug="somewhere", position_is_approximate=True)
    nearest = list(TransportHub.objects.published().nearest_to(hunchun.village_set.get()))
    assert [hub.slug for hub in nearest] == ["hunchun-station"]
    assert all(hub.distance_km is None for hub in nearest)
    page = nearest_section(client.get("/en/villages/somewhere/").content.decode())
    assert "Hunchun railway station" in page
    assert "Yanji" not in page
    assert " km" not in page
    assert "without distances" in page


def test_a_port_page_names_its_nearest_hubs(client, hubs):
    make_port(region=make_region("hunchun"), slug="quanhe", latitude=42.45, longitude=130.5)
    page = nearest_section(client.get("/ko/ports/quanhe/").content.decode())
    assert "옌지 차오양촨 국제공항" in page
    assert "직선거리 약" in page


# Pages -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "title", "name", "unknown"),
    [
        ("", "交通指南", "延吉朝阳川国际机场", "位置不详"),
        ("/en", "Getting there", "Yanji Chaoyangchuan International Airport", "Position unknown"),
        ("/ko", "가는 길", "옌지 차오양촨 국제공항", "위치 미상"),
        ("/ru", "Как добраться", "Международный аэропорт Яньцзи Чаоянчуань", "Местоположение неизвестно"),
    ],
)
def test_the_getting_there_page_in_four_languages(client, hubs, prefix, title, name, unknown):
    response = client.get(f"{prefix}/getting-there/")
    assert response.status_code == 200
    page = response.content.decode()
    assert title in page and name in page and unknown in page
    assert "Draft hub" not in page
    # Only hubs with a position are on the map; the others are listed as position unknown.
    map_data = response.context["map"].as_json()
    assert sorted(marker["label"] for marker in map_data["markers"]) == sorted(
        [hubs["yanji-airport"].name, hubs["changchun"].name]
    )
    assert [hub.slug for hub in response.context["position_unknown"]] == ["hunchun-station"]


def test_a_hubs_page_says_how_old_its_facts_are(client, hubs):
    page = client.get("/en/getting-there/hunchun-station/").content.decode()
    assert "More than 12 months old: may be out of date" in page
    assert "Position unknown: no source gives it" in page
    fresh = client.get("/en/getting-there/yanji-airport/").content.decode()
    assert "More than 12 months old" not in fresh
    assert "YNJ / ZYYJ" in fresh
    # The summary was written in English: the Chinese page says its text is the team's translation.
    assert "本文由门户网站团队译自英语" in client.get("/getting-there/yanji-airport/").content.decode()
    assert client.get("/en/getting-there/draft-hub/").status_code == 404


def test_the_home_page_and_the_footer_lead_to_getting_there(client, hubs):
    page = client.get("/en/").content.decode()
    assert 'href="/en/getting-there/"' in page
    assert 'href="/en/getting-there/hunchun-station/"' in page  # under its county


# Border Tours ------------------------------------------------------------------------------------


def test_a_border_tour_says_which_hub_it_starts_from(client, hubs):
    make_route(slug="from-yanji", title_en="From Yanji", start_hub=hubs["yanji-airport"])
    make_route(slug="unknown-start", title_en="Unknown start")
    page = client.get("/routes/from-yanji/").content.decode()
    assert "从延吉朝阳川国际机场出发" in page
    assert 'href="/getting-there/yanji-airport/"' in page
    assert "从延吉朝阳川国际机场出发" in client.get("/routes/").content.decode()  # on its card
    # The hub's page names the tours that start from it.
    assert 'href="/en/routes/from-yanji/"' in client.get("/en/getting-there/yanji-airport/").content.decode()
    assert "出发" not in client.get("/routes/unknown-start/").content.decode().split("<dl")[1].split("</dl>")[0]


def test_a_source_without_a_date_is_never_made_fresh(hubs):
    hub = hubs["changchun"]
    hub.sources.add(Source.objects.create(key="W1", citation="piglix.com/x"))
    assert hub.verified_on is None and not hub.is_stale_on(TODAY)
    assert Region.objects.count() == 1


# The hubs' texts in the visitor's language ---------------------------------------------------------


HUB_TEXTS = ("serves", "position_note", "lines", "opening_note", "status_note", "conflicts_note", "confidence_reason")


def test_every_english_text_of_the_demo_hubs_is_loaded_in_four_languages_and_a_blank_one_in_none():
    call_command("load_demo_data")
    columns = ("zh_hans", "en", "ko", "ru")
    for hub in TransportHub.objects.all():
        for name in HUB_TEXTS:
            texts = [getattr(hub, f"{name}_{column}") for column in columns]
            assert all(texts) or not any(texts), (hub.slug, name, texts)
            written = [text for text in texts if text]
            assert len(set(written)) == len(written), (hub.slug, name)  # no language a copy of another
    yanji = TransportHub.objects.get(slug="yanji-west-station")
    assert (yanji.serves_zh_hans, yanji.serves_ko, yanji.serves_ru) == ("延吉", "옌지(연길)", "Яньцзи")
    jian = TransportHub.objects.get(slug="jian-station")
    assert "梅集线" in jian.lines_zh_hans and "압록강" in jian.lines_ko and "Ялуцзян (Амноккан)" in jian.lines_ru
    assert TransportHub.objects.get(slug="antu-west-station").status_note_ko == ""  # the CSV has none: unknown


def test_the_demo_loader_refuses_a_hub_text_translated_into_some_languages_only(monkeypatch):
    from demo.loading import hubs as hub_loading
    from demo.loading.common import DataError

    read_json = hub_loading.read_json

    def without_one_russian_text(path):
        data = read_json(path)
        del data["hubs"][0]["status_note_ru"]
        return data

    monkeypatch.setattr(hub_loading, "read_json", without_one_russian_text)
    with pytest.raises(DataError, match=r"row 1 .*status_note is written, but not in status_note_ru"):
        hub_loading.read_hubs()


def test_a_hubs_code_is_shown_as_it_is_not_as_a_fallback_to_english(client, hubs):
    """An IATA or ICAO code is no language's text: on a Korean page it carries no `lang="en"`."""
    for path in ("/ko/getting-there/yanji-airport/", "/ko/getting-there/"):
        page = client.get(path).content.decode()
        assert "<span>YNJ / ZYYJ</span>" in page, path
        assert 'lang="en">YNJ' not in page, path
