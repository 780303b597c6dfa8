"""Editors keep a place's practical facts on its own admin page: saved with their dates and sources, refused
with a clear message when the dates contradict each other, and never for a place of another county."""

import datetime

import pytest
from django.urls import reverse

from attractions.models import AttractionFact
from attractions.tests.factories import make_attraction
from listings.models import FactTopic, Source, Status
from listings.tests.factories import make_region
from staff.tests.factories import make_county_editor
from staff.tests.test_roles import attraction_form

pytestmark = pytest.mark.django_db


def fact_rows(*facts):
    """The inline's rows as the admin posts them."""
    data = {"facts-TOTAL_FORMS": len(facts), "facts-INITIAL_FORMS": 0}
    for index, fact in enumerate(facts):
        for name, value in fact.items():
            data[f"facts-{index}-{name}"] = value
    return data


TICKET = {
    "topic": FactTopic.TICKET,
    "value": "105元",
    "text_zh_hans": "门票105元，半价52.5元。",
    "verified_on": "2025-04-17",
    "valid_until": "",
    "confidence": "medium",
    "written_in": "zh-hans",
    "position": 0,
}


@pytest.fixture
def places():
    hunchun, jian = make_region("hunchun"), make_region("jian")
    return {
        "hunchun": make_attraction(region=hunchun, slug="fangchuan", status=Status.DRAFT),
        "jian": make_attraction(region=jian, slug="tomb", status=Status.DRAFT),
    }


@pytest.fixture
def editor(client, places):
    client.force_login(make_county_editor(places["hunchun"].region))
    return client


def test_a_county_editor_adds_a_dated_fact_with_its_source(editor, places):
    own = places["hunchun"]
    source = Source.objects.create(key="S1", citation="www.hunchun.gov.cn/notice.html")
    data = attraction_form(own, **fact_rows({**TICKET, "sources": [source.pk]}))
    response = editor.post(reverse("admin:attractions_attraction_change", args=[own.pk]), data)
    assert response.status_code == 302
    fact = AttractionFact.objects.get(attraction=own)
    assert (fact.text_zh_hans, fact.value) == ("门票105元，半价52.5元。", "105元")
    assert fact.verified_on == datetime.date(2025, 4, 17)
    assert list(fact.sources.all()) == [source]
    assert fact.history.count() == 1  # its change history is kept


def test_a_fact_ending_before_it_was_verified_is_refused_with_a_message(editor, places):
    own = places["hunchun"]
    data = attraction_form(own, **fact_rows({**TICKET, "valid_until": "2025-01-01"}))
    response = editor.post(reverse("admin:attractions_attraction_change", args=[own.pk]), data)
    assert response.status_code == 200
    assert "事实的有效期不能早于核实日期。" in response.content.decode()
    assert not AttractionFact.objects.exists()


def test_a_broken_date_is_a_form_error_not_a_500(editor, places):
    own = places["hunchun"]
    data = attraction_form(own, **fact_rows({**TICKET, "verified_on": "2025-13-45\x00"}))
    response = editor.post(reverse("admin:attractions_attraction_change", args=[own.pk]), data)
    assert response.status_code == 200
    assert not AttractionFact.objects.exists()


def test_a_forged_fact_for_another_county_is_refused(editor, places):
    other = places["jian"]
    data = attraction_form(other, **fact_rows(TICKET))
    response = editor.post(reverse("admin:attractions_attraction_change", args=[other.pk]), data)
    assert response.status_code == 403
    assert not AttractionFact.objects.exists()


def test_the_list_filters_the_places_with_facts_to_check(editor, places, set_day):
    own = places["hunchun"]
    AttractionFact.objects.create(attraction=own, text_zh_hans="旧票价。", verified_on=datetime.date(2025, 4, 17))
    fresh = make_attraction(region=own.region, slug="fresh", status=Status.DRAFT)
    AttractionFact.objects.create(attraction=fresh, text_zh_hans="新票价。", verified_on=datetime.date(2025, 12, 1))
    set_day(datetime.date(2026, 5, 1))
    page = editor.get(reverse("admin:attractions_attraction_changelist") + "?facts=to-check").content.decode()
    assert f"/admin/attractions/attraction/{own.pk}/change/" in page
    assert f"/admin/attractions/attraction/{fresh.pk}/change/" not in page
    assert "待核实：超过12个月、无日期或已结束" in page


def test_a_page_posted_without_the_facts_list_keeps_the_facts(editor, places):
    """A page opened before the list existed (or restored after signing in again) still saves."""
    own = places["hunchun"]
    fact = AttractionFact.objects.create(attraction=own, text_zh_hans="旧票价。", verified_on=None)
    data = {key: value for key, value in attraction_form(own, name_en="Fangchuan").items() if "facts-" not in key}
    response = editor.post(reverse("admin:attractions_attraction_change", args=[own.pk]), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name_en == "Fangchuan"
    assert list(AttractionFact.objects.filter(attraction=own)) == [fact]
