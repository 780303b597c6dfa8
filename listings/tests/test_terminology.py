"""The interface says the corridor's words as docs/terminology.md lists them, in every catalogue.

A reviewer found terms that read wrong to a native reader (Russian "уезд" for cities and a district, Korean
"변경 통행증" for the border-area pass, Chinese "边境游" alone for a Border Tour…). These tests read the
catalogues as committed (the .po files) and as the pages use them (compiled, through gettext).
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext

from attractions.tests.factories import make_attraction
from listings.templatetags.portal import TRANSLATED_FROM

LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")

# Wrong term -> why, per catalogue. Each pattern is searched in every translated string.
WRONG_TERMS = {
    "ru": {
        r"\bАнту\b": "Antu is Аньту (Palladius)",
        r"[Сс]татус проверен": "a verified date reads «дата проверки:»",
        r"Последний известный выпуск": "the last edition of an event is not a «выпуск»",
        r"уезд\w* %\(county\)s|%\(county\)s уезд": "not every county-level unit is a county (cities, a district)",
        r"Весь уезд": "not every county-level unit is a county",
        r"Чанбайшаня": "the mountain: «гора Чанбайшань», not declined",
        r"(?<![.!?] )(?<!^)\b(Январ|Феврал|Март|Апрел|Июн|Июл|Август|Сентябр|Октябр|Ноябр|Декабр)[ьяе]\b": (
            "month names are lower case inside a sentence"
        ),
    },
    "ko": {
        r"변경 통행증|변경통행증": "reads as 'change pass': 국경 지역 통행증",
        r"국문": "reads as 'Korean script': 국경 관문",
        r"림강|룡정|화룡|안도 ·|장백 ·|장백산": "one spelling scheme: 린장, 룽징, 허룽, 안투, 창바이, 백두산(창바이산)",
    },
    "zh_Hans": {
        r"边境游": "a Border Tour is 边境旅游线路 (边境游 reads as a trip across the border)",
        r"对面国家": "the country across is 对方国家",
        r"\d–\d|s–%|—|～": "ranges and dashes are half-width",
    },
}


def entries(catalogue):
    return [entry for entry in polib.pofile(LOCALE / catalogue / "LC_MESSAGES" / "django.po") if not entry.obsolete]


def translations_of(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize("catalogue", sorted(WRONG_TERMS))
def test_no_wrong_term_is_left_in_the_catalogue(catalogue):
    found = []
    for entry in entries(catalogue):
        for text in translations_of(entry):
            for pattern, why in WRONG_TERMS[catalogue].items():
                if re.search(pattern, text):
                    found.append(f"{entry.msgid!r} -> {text!r}: {why}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("catalogue", ["en", "zh_Hans", "ko", "ru"])
def test_every_placeholder_is_kept(catalogue):
    broken = []
    for entry in entries(catalogue):
        singular = set(PLACEHOLDER.findall(entry.msgid))
        # A plural form may name the count its singular leaves out ("One item" / "%(counter)s items"): each form
        # keeps what both English forms name and names nothing neither does.
        plural = set(PLACEHOLDER.findall(entry.msgid_plural)) if entry.msgid_plural else singular
        required, allowed = singular & plural, singular | plural
        for text in translations_of(entry):
            found = set(PLACEHOLDER.findall(text))
            if text and not (required <= found <= allowed):
                broken.append(f"{entry.msgid!r} -> {text!r}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize(
    ("language", "msgid", "expected"),
    [
        ("zh-hans", "Border Tours", "边境旅游线路"),
        ("zh-hans", "Coming first", "按时间先后（近期优先）"),
        ("zh-hans", "country across the border", "对方国家"),
        ("ko", "Border-area pass", "국경 지역 통행증"),
        ("ko", "Bridges, gates, viewing decks.", "다리, 국경 관문, 전망대."),
        ("ru", "Identity documents", "Документы, удостоверяющие личность"),
        ("ru", "Documents", "Документы, удостоверяющие личность"),
        ("ru", "Status last verified:", "Дата проверки статуса:"),
        ("ru", "Last edition seen", "Последний раз проводилось"),
    ],
)
def test_the_pages_use_the_corrected_words(language, msgid, expected):
    with translation.override(language):
        assert gettext(msgid) == expected


def test_a_sentence_joins_its_parts_with_the_punctuation_of_its_language():
    with translation.override("zh-hans"):
        assert (pgettext("between two parts of a sentence", ", "), pgettext("end of a sentence", ".")) == ("，", "。")
        assert pgettext("after a label", ":") == "："
        assert (pgettext("opening bracket", "("), pgettext("closing bracket", ")")) == ("（", "）")
    with translation.override("ru"):
        assert (pgettext("between two parts of a sentence", ", "), pgettext("end of a sentence", ".")) == (", ", ".")


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("zh-hans", "本文由门户网站团队译自英语。"),
        ("ko", "포털 팀이 영어에서 번역했습니다."),
        ("ru", "Перевод с английского языка выполнен командой портала."),
    ],
)
def test_the_translation_note_names_the_original_language_as_a_sentence_needs_it(language, note):
    with translation.override(language):
        text = gettext("Translated from %(language)s by the portal team.") % {"language": TRANSLATED_FROM["en"]}
    assert text == note


@pytest.mark.django_db
def test_the_map_of_a_whole_list_is_named_by_what_it_lists_not_search_results(client):
    make_attraction(slug="fangchuan", name_zh_hans="防川风景名胜区", name_ko="팡촨 풍경구")
    whole = client.get("/ko/attractions/").content.decode()
    assert re.search(r'<title id="map-title">지도: 관광지', whole)
    assert "검색 결과" not in re.search(r'<title id="map-title">[^<]*', whole).group()
    searched = client.get("/ko/attractions/?q=fang").content.decode()
    assert re.search(r'<title id="map-title">지도: 검색 결과', searched)
