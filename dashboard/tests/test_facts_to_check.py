"""The dashboard counts, per county, the places with a practical fact to check, and opens exactly their list."""

import datetime

import pytest
from django.urls import reverse

from attractions.models import AttractionFact
from attractions.tests.factories import make_attraction
from dashboard.figures import Dashboard
from listings.models import FactTopic
from listings.tests.factories import make_region
from villages.models import VillageFact
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 1)


def fact(model, listing, **fields):
    name = "attraction" if model is AttractionFact else "village"
    values = {"topic": FactTopic.TICKET, "text_zh_hans": "门票105元。", "verified_on": datetime.date(2026, 3, 1)}
    return model.objects.create(**{name: listing}, **{**values, **fields})


@pytest.fixture
def places():
    jian, changbai = make_region("jian"), make_region("changbai")
    places = {
        "old": make_attraction(region=changbai, slug="old"),  # verified 2025-04-17: stale on 2026-05-01
        "ended": make_attraction(region=changbai, slug="ended"),  # its season ended on 2026-04-30
        "fresh": make_attraction(region=changbai, slug="fresh"),
        "tomb": make_attraction(region=jian, slug="tomb"),  # no fact: nothing to check
        "village": make_village(region=jian, slug="village"),  # undated: to check
    }
    fact(AttractionFact, places["old"], verified_on=datetime.date(2025, 4, 17))
    fact(AttractionFact, places["old"], verified_on=datetime.date(2025, 1, 1))  # two facts, one place
    fact(AttractionFact, places["ended"], valid_until=datetime.date(2026, 4, 30))
    fact(AttractionFact, places["fresh"])
    fact(VillageFact, places["village"], verified_on=None)
    return places


def test_places_with_facts_to_check_per_county(places, superuser):
    rows = {row.region.slug: row.figures for row in Dashboard(superuser, TODAY).rows}
    assert rows["changbai"]["attractions_facts_to_check"].value == 2  # old and ended, not fresh
    assert rows["jian"]["attractions_facts_to_check"].value == 0
    assert rows["jian"]["villages_facts_to_check"].value == 1
    # Eight months earlier the old fact was still fresh and the season had not ended.
    earlier = {row.region.slug: row.figures for row in Dashboard(superuser, datetime.date(2025, 9, 1)).rows}
    assert earlier["changbai"]["attractions_facts_to_check"].value == 0


def test_the_number_opens_the_admin_list_of_those_places(places, superuser, client, set_day):
    set_day(TODAY)
    changbai = next(row for row in Dashboard(superuser, TODAY).rows if row.region.slug == "changbai")
    url = changbai.figures["attractions_facts_to_check"].url
    changelist = reverse("admin:attractions_attraction_changelist")
    assert url == f"{changelist}?region__id__exact={changbai.region.pk}&facts=to-check"
    client.force_login(superuser)
    page = client.get(url).content.decode()
    assert "/admin/attractions/attraction/" in page
    assert f"/admin/attractions/attraction/{places['old'].pk}/change/" in page
    assert f"/admin/attractions/attraction/{places['ended'].pk}/change/" in page
    assert f"/admin/attractions/attraction/{places['fresh'].pk}/change/" not in page


def test_the_dashboard_page_shows_the_column(places, superuser, client, set_day):
    set_day(TODAY)
    client.force_login(superuser)
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "有待核实的实用信息" in page
