"""Search finds the traveller's words: a gateway city leads to its hubs and counties, a wrong character of the same
sound finds the place through pinyin, and practical words lead to the pages that answer them, in four languages."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from attractions.tests.factories import make_attraction
from hubs.models import HubKind
from hubs.tests.factories import make_hub
from listings.tests.factories import make_region
from pages.search import search_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def corridor():
    longjing = make_region("longjing", name_zh_hans="龙井", name_en="Longjing", corridor_order=8)
    tumen = make_region("tumen")
    changbaishan = make_region("changbaishan", name_zh_hans="长白山", name_en="Changbai Mountain zone")
    return {
        "airport": make_hub(
            slug="yanji-airport",
            kind=HubKind.AIRPORT,
            name_zh_hans="延吉朝阳川国际机场",
            name_en="Yanji Chaoyangchuan International Airport",
            name_ko="옌지 차오양촨 국제공항",
            name_ru="Международный аэропорт Яньцзи Чаоянчуань",
        ),
        "west": make_hub(
            slug="yanji-west", name_zh_hans="延吉西站", name_en="Yanji West railway station", name_ko="옌지서역"
        ),
        "tumen-north": make_hub(slug="tumen-north", name_zh_hans="图们北站", name_en="Tumen North", region=tumen),
        "mountain": make_attraction(
            region=changbaishan, slug="changbai-north", name_zh_hans="长白山北景区", name_en="North Scenic Area"
        ),
        "homophone": make_attraction(
            region=longjing, slug="chang-village", name_zh_hans="常白山村", name_en="A village called alike"
        ),
        "longjing": longjing,
        "tumen": tumen,
    }


@pytest.mark.parametrize("query", ["延吉", "Yanji", "yanji", "옌지", "연길", "Яньцзи"])
def test_a_gateway_city_leads_to_its_hubs_and_its_counties(corridor, query):
    results = search_everything(query)
    assert {hub.slug for hub in results.hubs} == {"yanji-airport", "yanji-west"}
    # Yanji is not on the G331: the counties beside it are.
    assert [region.slug for region in results.counties] == ["longjing", "tumen"]


def test_the_search_page_links_a_gateways_counties_and_hubs(client, corridor):
    page = client.get("/ko/search/", {"q": "연길"}).content.decode()
    assert 'href="/ko/attractions/?county=longjing"' in page
    assert 'href="/ko/getting-there/yanji-airport/"' in page
    assert "옌지 차오양촨 국제공항" in page
    english = client.get("/en/search/", {"q": "Yanji"}).content.decode()
    assert "Yanji is not on the G331: these counties on the road lie next to it." in english
    # A county on the road is not said to be off it.
    assert "is not on the G331" not in client.get("/en/search/", {"q": "Tumen"}).content.decode()


def test_a_wrong_character_of_the_same_sound_finds_the_place_through_pinyin(corridor):
    found = search_everything("常白山北景区").attractions
    assert corridor["mountain"] in found
    mixed = search_everything("常白山").attractions
    # The name written with these very characters comes first, then the one that only sounds alike.
    assert mixed[:2] == [corridor["homophone"], corridor["mountain"]]
    assert search_everything("长白山").attractions[0] == corridor["mountain"]


def test_pinyin_is_not_asked_of_latin_queries(corridor):
    assert search_everything("xyz").attractions == []


USEFUL = {
    "hubs:list": [
        "机场",
        "高铁",
        "火车",
        "airport",
        "train",
        "high-speed rail",
        "공항",
        "고속철도",
        "기차",
        "аэропорт",
        "поезд",
    ],
    "advice:practical_facts": ["门票", "开放时间", "ticket", "opening hours", "입장권", "티켓", "билет", "часы работы"],
    "advice:before_you_go": ["签证", "护照", "边境", "visa", "passport", "비자", "여권", "виза", "паспорт"],
}


def address_or_none(url_name):
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


@pytest.mark.parametrize(("url_name", "word"), [(name, word) for name, words in USEFUL.items() for word in words])
def test_practical_words_lead_to_the_page_that_answers_them(corridor, url_name, word):
    """The getting-there page is here; the practical-facts and before-you-go pages come with the advice app: until
    their addresses exist no link to them is offered (never a broken one), and once they exist these words lead
    there."""
    address = address_or_none(url_name)
    urls = [url for _title, url in search_everything(word).useful_pages]
    if address is None:
        assert all("None" not in url and url for url in urls)
    else:
        assert address in urls


def test_airport_leads_to_getting_there_in_every_language(client, corridor):
    for prefix, word, code in [
        ("", "机场", "zh-hans"),
        ("/en", "airport", "en"),
        ("/ko", "공항", "ko"),
        ("/ru", "аэропорт", "ru"),
    ]:
        response = client.get(f"{prefix}/search/", {"q": word})
        page = response.content.decode()
        with translation.override(code):
            heading = translation.gettext("Useful pages")
        assert heading in page
        assert f'href="{prefix}/getting-there/"' in page
    assert "有用的页面" in client.get("/search/", {"q": "延吉机场"}).content.decode()


def test_a_word_inside_another_is_no_keyword(corridor):
    assert search_everything("training").useful_pages == []
