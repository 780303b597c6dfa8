"""The attractions' data migrations do today what they did when they were written (they copy the code they
need: corridor_portal/tests/test_migrations_stand_still.py)."""

import importlib

import pytest
from django.apps import apps

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from listings.tests.factories import make_region


@pytest.mark.django_db
def test_the_search_migrations_fill_the_columns_as_they_did_then():
    """The search-column migrations fill rows that were there before them, each as on the day it was written:
    the first without the county's names, the county one with them (a fresh database has no such rows, so
    only this test runs their code; here on today's attraction table, whose columns are the same)."""
    hunchun = make_region("hunchun", name_ko="훈춘", name_ru="Хуньчунь")
    texts = {"summary_en": "Café", "summary_ko": "전망대", "description_ru": "Ёлки"}
    make_attraction(hunchun, slug="fangchuan", name_zh_hans="防川", name_en="Fángchuān", **texts)
    columns = ("search_pinyin", "search_names", "search_text", "search_grams")

    def run(migration, function):
        Attraction.objects.update(search_pinyin="", search_names="", search_text="", search_grams=[])
        getattr(importlib.import_module(f"attractions.migrations.{migration}"), function)(apps, None)
        return Attraction.objects.values(*columns).get()

    names = "防川 | fangchuan | fangchuan | fang chuan fangchuan"
    assert run("0002_search_pinyin", "fill_search_pinyin")["search_pinyin"] == "fang chuan fangchuan"
    assert run("0006_search_columns", "fill_search_columns") == {
        "search_pinyin": "fang chuan fangchuan",
        "search_names": names,
        "search_text": "cafe | 전망대 | елки",
        "search_grams": ["川", "防", "防川", "대", "망", "망대", "전", "전망"],
    }
    assert run("0009_county_in_search", "fill_search_columns") == {
        "search_pinyin": "fang chuan fangchuan",
        "search_names": names,
        # 珲春 read hún chūn, not huī chūn: the place readings the migration loads.
        "search_text": "cafe | 전망대 | елки | 珲春 | hunchun | 훈춘 | хуньчунь | hunchun | hun chun hunchun",
        "search_grams": ["川", "春", "珲", "珲春", "防", "防川", "대", "망", "망대", "전", "전망", "춘", "훈", "훈춘"],
    }
