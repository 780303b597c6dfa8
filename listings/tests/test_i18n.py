"""The portal in Chinese, English, Korean and Russian: URLs, interface, content fallback, switcher."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from attractions.tests.factories import make_attraction
from routes.tests.factories import make_route
from villages.tests.factories import make_village

from .factories import make_region

pytestmark = pytest.mark.django_db

LANGUAGES = [("", "zh-Hans", "zh-hans"), ("/en", "en", "en"), ("/ko", "ko", "ko"), ("/ru", "ru", "ru")]


@pytest.fixture
def listings():
    hunchun = make_region("hunchun", name_ko="훈춘", name_ru="Хуньчунь")
    attraction = make_attraction(
        region=hunchun, slug="fangchuan", name_zh_hans="防川风景名胜区", name_en="Fangchuan Scenic Area"
    )
    only_chinese = make_attraction(region=hunchun, slug="tu-marker", name_zh_hans="土字牌", name_en="", summary_en="")
    village = make_village(region=hunchun, slug="fangchuan-village", name_zh_hans="防川村", name_ko="방천촌")
    route = make_route(slug="three-countries", days=[[attraction, village]])
    return {"attraction": attraction, "only_chinese": only_chinese, "village": village, "route": route}


def page_paths(listings):
    return [
        "/",
        "/attractions/",
        "/villages/",
        "/routes/",
        "/search/?q=fang",
        listings["attraction"].get_absolute_url(),
        listings["village"].get_absolute_url(),
        listings["route"].get_absolute_url(),
    ]


def html_lang_of(content):
    return re.search(r'<html lang="([^"]+)"', content).group(1)


@pytest.mark.parametrize(("prefix", "html_lang", "code"), LANGUAGES)
def test_every_page_in_every_language_has_the_right_lang_and_interface(client, listings, prefix, html_lang, code):
    with translation.override(code):
        nav_label = translation.gettext("Border Tours")
    if code != "en":
        assert nav_label != "Border Tours", f"no {code} catalogue compiled"
    for path in page_paths(listings):
        response = client.get(prefix + path)
        assert response.status_code == 200, prefix + path
        content = response.content.decode()
        assert html_lang_of(content) == html_lang
        assert nav_label in content


def test_chinese_urls_have_no_prefix_and_slugs_are_the_same_everywhere(listings):
    with translation.override("zh-hans"):
        assert reverse("attractions:detail", kwargs={"slug": "fangchuan"}) == "/attractions/fangchuan/"
    with translation.override("ru"):
        assert reverse("attractions:detail", kwargs={"slug": "fangchuan"}) == "/ru/attractions/fangchuan/"


def test_missing_korean_falls_back_to_english_marked_with_its_language(client, listings):
    content = client.get("/ko/attractions/fangchuan/").content.decode()
    assert '<span lang="en">Fangchuan Scenic Area</span>' in content


def test_missing_english_falls_back_to_chinese_marked_with_its_language(client, listings):
    content = client.get("/en/attractions/tu-marker/").content.decode()
    assert '<span lang="zh-Hans">土字牌</span>' in content


def test_own_language_text_carries_no_extra_lang(client, listings):
    content = client.get("/ko/villages/fangchuan-village/").content.decode()
    assert "<h1>방천촌</h1>" in content


def test_switcher_keeps_the_page_and_its_filters(client, listings):
    content = client.get("/ru/attractions/?county=hunchun").content.decode()
    assert 'href="/attractions/?county=hunchun" lang="zh-Hans"' in content
    assert 'href="/en/attractions/?county=hunchun" lang="en"' in content
    assert 'href="/ko/attractions/?county=hunchun" lang="ko"' in content
    for own_name in ("中文", "English", "한국어", "Русский"):
        assert own_name in content


def test_every_page_lists_its_alternates_with_x_default(client, listings):
    content = client.get("/en/villages/fangchuan-village/").content.decode()
    for hreflang, prefix in [("zh-Hans", ""), ("en", "/en"), ("ko", "/ko"), ("ru", "/ru")]:
        expected = (
            f'<link rel="alternate" hreflang="{hreflang}" href="http://testserver{prefix}/villages/fangchuan-village/">'
        )
        assert expected in content
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/villages/fangchuan-village/">' in content


def test_error_page_speaks_the_visitors_language(client):
    response = client.get("/ko/attractions/nowhere/")
    assert response.status_code == 404
    with translation.override("ko"):
        assert translation.gettext("Page not found") in response.content.decode()
    assert html_lang_of(response.content.decode()) == "ko"


def test_admin_filters_listings_missing_a_language(admin_client, listings):
    url = reverse("admin:attractions_attraction_changelist")
    missing_english = admin_client.get(url, {"missing": "en"}).content.decode()
    assert "土字牌" in missing_english
    assert "Fangchuan Scenic Area" not in missing_english
    missing_korean = admin_client.get(url, {"missing": "ko"}).content.decode()
    assert "土字牌" in missing_korean


def test_admin_list_shows_which_languages_a_listing_has(admin_client, listings):
    content = admin_client.get(reverse("admin:villages_village_changelist")).content.decode()
    assert "language-coverage" in content
    assert 'class="language-coverage language-full"' in content


def test_a_translated_text_says_it_is_a_translation_and_from_which_language(client):
    attraction = make_attraction(
        slug="wandu",
        written_in="en",
        description_en="Koguryo mountain capital.",
        description_zh_hans="高句丽山城。",
        description_ko="고구려 산성.",
    )
    chinese = client.get(attraction.get_absolute_url()).content.decode()
    assert "本文由门户网站团队译自英语。" in chinese
    english = client.get("/en" + attraction.get_absolute_url()).content.decode()
    assert "translation-note" not in english  # the original
    russian = client.get("/ru" + attraction.get_absolute_url()).content.decode()
    assert "translation-note" not in russian  # no Russian text: the English fallback is marked with lang instead


def test_a_text_written_in_chinese_has_no_note_in_chinese(client):
    attraction = make_attraction(slug="jiangjunfen", description_zh_hans="将军坟。", description_en="General's Tomb.")
    assert "translation-note" not in client.get(attraction.get_absolute_url()).content.decode()
    assert "Translated from Simplified Chinese" in client.get("/en" + attraction.get_absolute_url()).content.decode()


def test_a_place_page_in_another_language_shows_the_chinese_name_under_its_own(client):
    attraction = make_attraction(
        slug="tianchi", name_zh_hans="长白山 天池", name_en="Changbai Mountain and Tianchi", name_ko="백두산과 천지"
    )
    village = make_village(slug="mingdong", name_zh_hans="明东村", name_en="Mingdong")
    path, village_path = attraction.get_absolute_url(), village.get_absolute_url()  # the Chinese pages' addresses
    korean = client.get("/ko" + path).content.decode()
    assert '<p class="chinese-name">중국어 이름: <span lang="zh-Hans">长白山 天池</span></p>' in korean
    assert "백두산과 천지" in korean
    assert "chinese-name" not in client.get(path).content.decode()
    assert '<span lang="zh-Hans">明东村</span>' in client.get("/ru" + village_path).content.decode()


def test_a_translated_name_alone_is_marked_as_the_teams_translation(client):
    """A listing with nothing but its name still says the Korean name is a translation; a missing one does not."""
    attraction = make_attraction(
        slug="xigucheng", name_zh_hans="西古城", name_en="Xigucheng", name_ko="서고성", summary_en=""
    )
    path = attraction.get_absolute_url()
    assert "포털 팀이 중국어에서 번역했습니다." in client.get("/ko" + path).content.decode()
    assert "translation-note" not in client.get("/ru" + path).content.decode()
