"""Search finds a listing by any part of its Chinese name, its pinyin or a misspelt English name."""

import pytest

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from listings.models import Status
from listings.search import clean_query, pinyin_for_search
from listings.tests.factories import make_region
from pages.search import search_everything
from routes.tests.factories import make_route
from villages.models import Village
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


@pytest.fixture
def corridor():
    hunchun, changbai = make_region("hunchun", name_zh_hans="珲春市"), make_region("changbai")
    return {
        "songling": make_village(
            region=changbai,
            slug="songling-snow-village",
            name_zh_hans="松岭雪村(珍珠村)",
            name_en="Songling Snow Village",
        ),
        "fangchuan": make_attraction(
            region=hunchun, slug="fangchuan-scenic-area", name_zh_hans="防川风景名胜区", name_en="Fangchuan Scenic Area"
        ),
        "museum": make_attraction(
            region=hunchun,
            slug="border-museum",
            name_zh_hans="珲春边境博物馆",
            name_en="Border Museum",
            description_en="Exhibits on Fangchuan and the Tumen river mouth.",
        ),
        "draft": make_village(region=hunchun, slug="draft-snow", name_zh_hans="雪村草稿", status=Status.DRAFT),
        "tour": make_route(
            slug="whole-border", title_zh_hans="吉林边境全线七日游", title_en="Whole Jilin border in 7 days"
        ),
    }


def test_the_pinyin_of_a_name_is_stored_with_and_without_spaces(corridor):
    assert pinyin_for_search("松岭雪村") == "song ling xue cun songlingxuecun"
    assert Village.objects.get(slug="songling-snow-village").search_pinyin.startswith("song ling xue cun")
    assert pinyin_for_search("珲春") == "hun chun hunchun"


@pytest.mark.parametrize(
    "query",
    [
        "雪村",
        "松岭",
        "珍珠村",
        "songling",
        "SongLing",
        "song ling xue cun",
        "Sōnglíng Xuěcūn",
        "songling snow",
        "Snow Vilage",
    ],
)
def test_songling_snow_village_is_found_by_any_of_its_names(corridor, query):
    assert list(Village.objects.published().search(query)) == [corridor["songling"]]


@pytest.mark.parametrize("query", ["Fangchaun", "fangchuan", "FANGCHUAN", "防川", "fang chuan"])
def test_fangchuan_is_found_with_a_typo_or_in_any_case(corridor, query):
    assert next(iter(Attraction.objects.published().search(query))) == corridor["fangchuan"]


def test_a_name_match_ranks_above_a_description_match(corridor):
    assert list(Attraction.objects.published().search("Fangchuan")) == [corridor["fangchuan"], corridor["museum"]]


def test_search_page_lists_each_kind_without_drafts(client, corridor):
    page = client.get("/en/search/", {"q": "雪村"}).content.decode()
    assert "Songling Snow Village" in page
    assert "雪村草稿" not in page
    assert "Whole Jilin border" in client.get("/en/search/", {"q": "qi ri you"}).content.decode()


def test_the_search_page_offers_near_misses_only_when_nothing_is_spelt_so(client, corridor):
    # A village whose name merely looks like Fangchuan.
    make_village(region=make_region("hunchun"), slug="fangchun", name_zh_hans="方春村", name_en="Fangchun Village")
    found = search_everything("Fangchuan")
    assert found.attractions == [corridor["fangchuan"], corridor["museum"]]
    assert (found.villages, found.near_misses) == ([], False)

    misspelt = search_everything("Fangchaun")
    assert misspelt.near_misses
    assert corridor["fangchuan"] in misspelt.attractions
    assert [village.slug for village in misspelt.villages] == ["fangchun"]
    page = client.get("/en/search/", {"q": "Fangchaun"}).content.decode()
    assert "Nothing matches “Fangchaun” as written; these names are close to it." in page
    assert "Fangchuan Scenic Area" in page
    assert "as written" not in client.get("/en/search/", {"q": "Fangchuan"}).content.decode()
    assert "完全一致" in client.get("/search/", {"q": "Fangchaun"}).content.decode()


@pytest.mark.parametrize("query", ["珲春", "Hunchun", "hunchun", "HUN CHUN"])
def test_a_county_name_finds_what_lies_in_it_after_what_is_named_so(corridor, query):
    named = make_attraction(
        region=make_region("tumen"), slug="hunchun-road", name_zh_hans="珲春路", name_en="Hunchun Road"
    )
    found = search_everything(query)
    # The museum's Chinese name (and its pinyin) says Hunchun; Fangchuan's name and texts never do: its county does.
    assert set(found.attractions[:2]) == {named, corridor["museum"]}
    assert found.attractions[2:] == [corridor["fangchuan"]]
    assert not found.near_misses
    assert corridor["songling"] not in found.villages  # in Changbai
    assert corridor["fangchuan"] in search_everything("珲春市").attractions  # the county's whole name


def test_a_renamed_county_is_found_by_its_new_name(corridor):
    hunchun = corridor["fangchuan"].region
    hunchun.name_en = "Hunchun City"
    hunchun.name_ko = "훈춘시"
    hunchun.save()
    hunchun.refill_listings_search_columns()  # what the county's admin does after a rename
    assert corridor["fangchuan"] in Attraction.objects.published().search("훈춘")
    assert corridor["fangchuan"] in Attraction.objects.published().search("hunchun city")


def test_the_list_search_uses_the_same_matching(client, corridor):
    response = client.get("/en/villages/", {"q": "song ling"})
    assert [v.slug for v in response.context["object_list"]] == ["songling-snow-village"]
    response = client.get("/en/attractions/", {"q": "Fangchaun"})
    assert next(a.slug for a in response.context["object_list"]) == "fangchuan-scenic-area"


def test_the_query_is_cleaned_and_capped():
    assert clean_query("  雪\x00村\n  ") == "雪 村"
    assert len(clean_query("x" * 5000)) == 100


@pytest.mark.parametrize("q", ["\x00", "a" * 5000, "%", "_", "'; drop table x; --", "\u202e\ufeff", " "])
def test_strange_queries_answer_on_every_page(client, corridor, q):
    for url in ("/search/", "/attractions/", "/villages/", "/routes/"):
        assert client.get(url, {"q": q}).status_code == 200
