"""Practical facts with a date: how old each is on a chosen day, and what a place's page shows of them."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from attractions.models import AttractionFact
from attractions.tests.factories import make_attraction
from listings.dating import FactAge, fact_age, is_stale
from listings.models import FactTopic, Source
from villages.models import VillageFact
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

VERIFIED = datetime.date(2025, 4, 17)


def make_fact(attraction, **fields):
    values = {
        "topic": FactTopic.TICKET,
        "text_zh_hans": "门票105元。",
        "text_en": "Entry ticket 105 yuan.",
        "value": "105 CNY",
        "verified_on": VERIFIED,
        **fields,
    }
    return AttractionFact.objects.create(attraction=attraction, **values)


@pytest.mark.parametrize(
    ("today", "stale"),
    [
        (datetime.date(2026, 1, 1), False),
        (datetime.date(2026, 4, 17), False),  # twelve months to the day: not yet older
        (datetime.date(2026, 4, 18), True),
        (datetime.date(2026, 5, 1), True),
    ],
)
def test_a_fact_is_stale_once_older_than_twelve_months(today, stale):
    assert is_stale(VERIFIED, today) is stale
    assert fact_age(VERIFIED, None, today) == (FactAge.STALE if stale else FactAge.CURRENT)


def test_the_age_reads_the_clock(set_day):
    fact = make_fact(make_attraction())
    set_day(datetime.date(2026, 1, 1))
    assert (fact.is_stale, fact.age_on(datetime.date(2026, 1, 1))) == (False, FactAge.CURRENT)
    set_day(datetime.date(2026, 5, 1))
    assert (fact.is_stale, fact.age_on(datetime.date(2026, 5, 1))) == (True, FactAge.STALE)


def test_an_ended_fact_has_ended_the_day_after_its_last_day(set_day):
    fact = make_fact(make_attraction(), valid_until=datetime.date(2026, 9, 14))
    set_day(datetime.date(2026, 9, 14))
    assert not fact.has_ended
    set_day(datetime.date(2026, 9, 15))
    assert fact.has_ended
    assert fact.age_on(datetime.date(2026, 9, 15)) == FactAge.ENDED
    assert list(AttractionFact.objects.ended(datetime.date(2026, 9, 15))) == [fact]


def test_an_undated_fact_is_unverified_not_current():
    assert fact_age(None, None, datetime.date(2026, 1, 1)) == FactAge.UNVERIFIED


def test_facts_to_check_are_the_old_the_undated_and_the_ended():
    attraction = make_attraction()
    old = make_fact(attraction)
    undated = make_fact(attraction, verified_on=None)
    ended = make_fact(attraction, verified_on=datetime.date(2026, 3, 1), valid_until=datetime.date(2026, 3, 31))
    make_fact(attraction, verified_on=datetime.date(2026, 3, 1))  # fresh
    to_check = AttractionFact.objects.to_check(datetime.date(2026, 5, 1))
    assert set(to_check) == {old, undated, ended}


def test_the_page_shows_each_fact_with_its_date_source_and_flag(client, set_day):
    attraction = make_attraction(slug="changbai", opening_hours="")
    source = Source.objects.create(key="W1", citation="jlcxwb.com.cn/jingji/content.html")
    fact = make_fact(attraction)
    fact.sources.add(source)
    make_fact(
        attraction,
        topic=FactTopic.CLOSURE,
        text_zh_hans="南景区冬季关闭。",
        verified_on=datetime.date(2025, 10, 1),
        valid_until=datetime.date(2025, 11, 30),
    )
    set_day(datetime.date(2026, 5, 1))
    page = client.get(reverse("attractions:detail", args=["changbai"])).content.decode()
    assert "门票105元。" in page
    assert "核实日期：" in page and "2025年4月" in page
    assert "可能已过时" in page
    assert 'href="https://jlcxwb.com.cn/jingji/content.html"' in page
    assert "南景区冬季关闭。" in page and "不再有效" in page  # the ended fact, said to be ended
    # A ticket fact takes the place of "not known" in the ticket row; the hours, of which no fact speaks, stay unknown.
    assert "<dt>门票</dt><dd>暂无信息</dd>" not in page
    assert re.search(r"<dt>门票</dt><dd><ul class=\"dated-facts\">.*?门票105元。", page, re.S)
    assert "<dt>开放时间</dt><dd>暂无信息</dd>" in page


def test_a_fresh_fact_has_no_flag(client, set_day):
    attraction = make_attraction(slug="fresh")
    make_fact(attraction)
    set_day(datetime.date(2026, 1, 1))
    page = client.get(reverse("attractions:detail", args=["fresh"])).content.decode()
    assert "门票105元。" in page
    assert "可能已过时" not in page


def test_the_page_in_english_says_the_fact_is_a_translation(client, set_day):
    attraction = make_attraction(slug="translated")
    make_fact(attraction, written_in="en", text_zh_hans="门票105元。")
    set_day(datetime.date(2026, 1, 1))
    with translation.override("en"):
        url = reverse("attractions:detail", args=["translated"])
    page = client.get(url).content.decode()
    assert "Entry ticket 105 yuan." in page and "Verified:" in page
    with translation.override("zh-hans"):
        zh_page = client.get(reverse("attractions:detail", args=["translated"])).content.decode()
    assert "本文由门户网站团队译自英语。" in zh_page


def test_a_village_shows_its_facts(client, set_day):
    village = make_village(slug="naitoushan")
    VillageFact.objects.create(
        village=village, topic=FactTopic.BOOKING, text_zh_hans="民宿需提前预订。", verified_on=VERIFIED
    )
    set_day(datetime.date(2026, 1, 1))
    page = client.get(reverse("villages:detail", args=["naitoushan"])).content.decode()
    assert "民宿需提前预订。" in page and "如何预订" in page
