"""The "Before you go" page and the practical facts page, in the four languages, with each rule's date and age."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from advice.models import RuleTopic, TravelRule
from attractions.models import AttractionFact
from attractions.tests.factories import make_attraction
from listings.models import FactTopic, Source, Status
from listings.tests.factories import make_region

pytestmark = pytest.mark.django_db


def url(name, language):
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def rules():
    source = Source.objects.create(key="W1", citation="www.gov.cn/zhengce/visa.html")
    russia = TravelRule.objects.create(
        key="visa-russia",
        topic=RuleTopic.VISAS,
        status=Status.PUBLISHED,
        written_in="en",
        text_en="Russian citizens may enter visa-free for up to 30 days.",
        text_zh_hans="俄罗斯公民可免签入境，停留不超过30天。",
        text_ko="러시아 국민은 최대 30일 무비자로 입국할 수 있습니다.",
        text_ru="Граждане России могут въезжать без визы на срок до 30 дней.",
        valid_until=datetime.date(2026, 9, 14),
        verified_on=datetime.date(2025, 9, 2),
    )
    russia.sources.add(source)
    TravelRule.objects.create(
        key="numbers",
        topic=RuleTopic.EMERGENCY,
        status=Status.PUBLISHED,
        text_zh_hans="报警110，急救120。",
        text_en="Police 110, ambulance 120.",
        phone_numbers="110 120",
        verified_on=datetime.date(2021, 10, 30),
    )
    TravelRule.objects.create(key="draft", topic=RuleTopic.PAYMENT, text_zh_hans="草稿规定。", status=Status.DRAFT)
    return russia


@pytest.mark.parametrize(
    ("language", "heading", "until", "stale"),
    [
        ("zh-hans", "行前须知", "有效期至2026年9月14日", "可能已过时"),
        ("en", "Before you go", "Valid until", "may be out of date"),
        ("ko", "떠나기 전에", "까지 유효", "12개월이 넘은 정보"),
        ("ru", "Перед поездкой", "действует до", "возможно, устарело"),
    ],
)
def test_before_you_go_in_four_languages(client, rules, set_day, language, heading, until, stale):
    set_day(datetime.date(2026, 1, 10))
    page = client.get(url("advice:before_you_go", language)).content.decode()
    assert heading in page
    assert until in page  # a visa waiver shows its end date
    assert stale in page  # the hotline rule's source is from 2021
    assert 'href="tel:110"' in page and 'href="tel:120"' in page
    assert 'href="https://www.gov.cn/zhengce/visa.html"' in page
    assert "草稿规定" not in page  # a draft is not shown


def test_a_rule_past_its_end_date_is_shown_as_ended(client, rules, set_day):
    set_day(datetime.date(2026, 9, 15))
    page = client.get(url("advice:before_you_go", "zh-hans")).content.decode()
    assert "已于2026年9月14日结束：不再有效。" in page
    assert "有效期至2026年9月14日" not in page


def test_the_chinese_page_says_the_text_is_a_translation(client, rules, set_day):
    set_day(datetime.date(2026, 1, 10))
    page = client.get(url("advice:before_you_go", "zh-hans")).content.decode()
    assert "俄罗斯公民可免签入境" in page and "本文由门户网站团队译自英语。" in page


def test_the_home_page_and_a_place_link_to_before_you_go(client):
    attraction = make_attraction(region=make_region("hunchun"), slug="fangchuan")
    link = f'href="{url("advice:before_you_go", "zh-hans")}"'
    assert link in client.get("/").content.decode()
    assert link in client.get(attraction.get_absolute_url()).content.decode()
    assert f'href="{url("advice:before_you_go", "ru")}"' in client.get("/ru/").content.decode()


@pytest.mark.parametrize(
    ("language", "verified"),
    [("zh-hans", "核实日期："), ("en", "Verified:"), ("ko", "확인일:"), ("ru", "дата проверки:")],
)
def test_the_practical_facts_page_by_county(client, set_day, language, verified):
    jian, hunchun = make_region("jian"), make_region("hunchun")
    tomb = make_attraction(region=jian, slug="tomb", name_zh_hans="将军坟")
    AttractionFact.objects.create(
        attraction=tomb, topic=FactTopic.HOURS, text_zh_hans="8:00-17:00开放。", verified_on=datetime.date(2025, 4, 17)
    )
    hidden = make_attraction(region=hunchun, slug="draft", status=Status.DRAFT)
    AttractionFact.objects.create(attraction=hidden, text_zh_hans="草稿景点的门票。", verified_on=None)
    set_day(datetime.date(2026, 5, 1))
    page = client.get(url("advice:practical_facts", language)).content.decode()
    assert "8:00-17:00开放。" in page and verified in page
    assert tomb.get_absolute_url() in page or "/tomb/" in page
    assert "草稿景点的门票" not in page  # only published places
