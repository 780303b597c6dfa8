"""The demo events and ports in four languages: every text the csvs give in English is also in Chinese, Korean
and Russian (the team's translations, marked as such), so no page of an event or a port falls back to another
language for them."""

import re

import pytest
from django.utils import translation

from events.models import Event
from listings.i18n import localized_columns, translated_fields
from listings.models import Source
from ports.models import BorderNote, CrossingRule, PortOfEntry

pytestmark = pytest.mark.django_db

# (URL prefix, language code)
LANGUAGES = [("", "zh-hans"), ("/en", "en"), ("/ko", "ko"), ("/ru", "ru")]
# What tr / tr_paragraphs put around a text shown in another language than the page's.
FALLBACK = re.compile(r'<(?:span|div) lang="(?P<lang>[^"]+)">(?P<text>.*?)</(?:span|div)>', re.DOTALL)


DEMO_LOADERS = ("load_demo_data", "load_port_data", "load_event_data")


@pytest.fixture
def demo(demo_data):
    """The corridor, the ports and the events, loaded once for this module (conftest.py demo_data)."""


def demo_rows():
    return [
        *Event.objects.all(),
        *PortOfEntry.objects.all(),
        *BorderNote.objects.all(),
        *CrossingRule.objects.filter(port__isnull=False),
        *Source.objects.exclude(title_en=""),  # sources cited by a title rather than an address
    ]


def words(text):
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def texts_of_my_kinds():
    """Every text of the demo events, ports, border-area notes and rules, in whichever language it is."""
    texts = set()
    for row in demo_rows():
        for field in translated_fields(type(row)):
            texts.update(words(value) for column in localized_columns(field) if (value := getattr(row, column)))
    return texts


def test_every_english_text_has_its_chinese_korean_and_russian_marked_as_translations(client, demo):
    missing = []
    for row in demo_rows():
        for field in translated_fields(type(row)):
            english = getattr(row, f"{field}_en")
            for column in localized_columns(field):
                if english and not getattr(row, column):
                    missing.append(f"{type(row).__name__} {row.pk} {column}")
    assert not missing, missing
    # The mountain's Russian name is not declined (docs/terminology.md): "горы Чанбайшань", never "Чанбайшаня".
    declined = [
        row.pk
        for row in demo_rows()
        for field in translated_fields(type(row))
        if re.search(r"Чанбайшан[яеюом]", getattr(row, f"{field}_ru") or "")
    ]
    assert not declined, declined
    assert Event.objects.count() == 24 and PortOfEntry.objects.count() == 12
    # The csvs' texts are English: the other languages are the team's translations, and pages say so.
    assert set(Event.objects.values_list("written_in", flat=True)) == {"en"}
    assert set(PortOfEntry.objects.values_list("written_in", flat=True)) == {"en"}
    assert set(BorderNote.objects.values_list("written_in", flat=True)) == {"en"}
    for prefix, note in [
        ("", "本文由门户网站团队译自英语。"),
        ("/ko", "포털 팀이 영어에서 번역했습니다."),
        ("/ru", "Перевод с английского языка выполнен командой портала."),
    ]:
        event = client.get(f"{prefix}/events/changbai-korean-folk-festival/").content.decode()
        port = client.get(f"{prefix}/ports/kaishantun-port/").content.decode()  # a port with no summary
        assert note in event and note in port, prefix
    assert "translation-note" not in client.get("/en/events/changbai-korean-folk-festival/").content.decode()
    chinese = client.get("/events/fusong-ginseng-festival/").content.decode()
    assert "“中国人参之乡”抚松" in chinese and "Harvest-season festival" not in chinese
    korean = client.get("/ko/ports/tumen-port/").content.decode()
    assert "온성군 남양" in korean and "Namyang, Onsong County" not in korean
    # A source cited by its title shows it in the page's language, the original title kept.
    changbai = client.get("/ru/ports/changbai-port/").content.decode()
    assert "Английская Википедия: Changbai-Hyesan International Bridge (международный мост Чанбай — Хесан)" in changbai


def page_urls():
    events = [event.get_absolute_url() for event in Event.objects.published().order_by("slug")]
    ports = [port.get_absolute_url() for port in PortOfEntry.objects.published().order_by("slug")]
    crossings = ["/attractions/yalu-river-national-gate/", "/attractions/tumen-port-national-gate/"]
    return ["/", "/events/", "/ports/", *events, *ports, *crossings]


def test_no_event_or_port_text_falls_back_to_another_language(client, demo):
    """Every event and port page and the lists, in each language: no text of an event, port, border-area note
    or rule is shown in another language than the page's (names of other kinds are part A's test)."""
    with translation.override("zh-hans"):
        urls = page_urls()
    mine = texts_of_my_kinds()
    fallbacks = []
    for prefix, code in LANGUAGES:
        for url in urls:
            response = client.get(prefix + url)
            assert response.status_code == 200, prefix + url
            page = response.content.decode()
            # The status lines read as a browser shows them: no space before a comma or a full stop.
            shown = " ".join(re.sub(r"<[^>]+>", "", re.sub(r"(?s)<(script|style)\b.*?</\1>", "", page)).split())
            assert not re.search(r"\s[,，.。](?!\d)", shown), (
                prefix + url,
                re.search(r".{40}\s[,，.。](?!\d).{20}", shown),
            )
            for match in FALLBACK.finditer(page):
                if match["lang"].lower() != code and words(match["text"]) in mine:
                    fallbacks.append(f"{prefix}{url}: [{match['lang']}] {words(match['text'])[:80]}")
    assert not fallbacks, "\n".join(fallbacks)
