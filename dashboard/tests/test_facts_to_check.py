"""The dashboard counts, per county, the practical facts out of date themselves (older than twelve months or past their
last day, on the day of the clock), and each number opens the admin list of exactly those facts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attractions.models import AttractionFact
from attractions.tests.factories import make_attraction
from dashboard.figures import Dashboard
from listings.models import FactTopic
from listings.tests.factories import make_region
from ports.models import PortFact
from ports.tests.factories import make_port
from staff.tests.factories import make_county_editor
from villages.models import VillageFact
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 1)  # stale: verified before 2025-05-01; ended: last day before today


def fact(place, **fields):
    model, name = {"attraction": (AttractionFact, "attraction"), "village": (VillageFact, "village")}.get(
        place._meta.model_name, (PortFact, "port")
    )
    values = {"topic": FactTopic.TICKET, "text_zh_hans": "门票105元。", "verified_on": datetime.date(2026, 3, 1)}
    return model.objects.create(**{name: place}, **{**values, **fields})


@pytest.fixture
def facts():
    jian, changbai = make_region("jian"), make_region("changbai")
    old = make_attraction(region=changbai, slug="old")
    tomb = make_attraction(region=jian, slug="tomb")
    village = make_village(region=jian, slug="village")
    port = make_port(region=changbai, slug="changbai-port")
    return {
        # Changbai: two stale facts of one attraction, one ended, one fresh, one a day short of twelve months.
        "stale": fact(old, verified_on=datetime.date(2025, 4, 17)),
        "older": fact(old, verified_on=datetime.date(2024, 1, 1)),
        "ended": fact(old, verified_on=datetime.date(2026, 1, 1), valid_until=datetime.date(2026, 4, 30)),
        "fresh": fact(old),
        "just_fresh": fact(old, verified_on=datetime.date(2025, 5, 1)),
        "port_stale": fact(port, verified_on=datetime.date(2025, 1, 1)),
        # Ji'an: an undated fact is unverified, not stale; a stale village fact; the tomb's fact ends today, so holds.
        "undated": fact(village, verified_on=None),
        "village_stale": fact(village, verified_on=datetime.date(2024, 9, 1)),
        "ends_today": fact(tomb, verified_on=datetime.date(2026, 1, 1), valid_until=TODAY),
    }


def figures_by_county(user, day):
    return {row.region.slug: row.figures for row in Dashboard(user, day).rows}


def test_the_stale_facts_themselves_are_counted_per_county_and_kind(facts, superuser):
    rows = figures_by_county(superuser, TODAY)
    assert rows["changbai"]["attractions_stale_facts"].value == 3  # stale, older, ended: facts, not places (1)
    assert rows["changbai"]["ports_stale_facts"].value == 1
    assert rows["changbai"]["villages_stale_facts"].value == 0
    assert rows["jian"]["villages_stale_facts"].value == 1  # the undated one is not stale
    assert rows["jian"]["attractions_stale_facts"].value == 0  # it ends today: it still holds
    assert Dashboard(superuser, TODAY).totals.figures["attractions_stale_facts"].value == 3


def test_the_figures_follow_the_day(facts, superuser):
    a_year_earlier = figures_by_county(superuser, datetime.date(2025, 5, 1))
    assert a_year_earlier["changbai"]["attractions_stale_facts"].value == 1  # only the one of 2024
    a_day_later = figures_by_county(superuser, TODAY + datetime.timedelta(days=1))
    assert a_day_later["changbai"]["attractions_stale_facts"].value == 4  # 2025-05-01 is now twelve months old
    assert a_day_later["jian"]["attractions_stale_facts"].value == 1  # the tomb's fact has ended


def test_the_number_opens_the_admin_list_of_exactly_those_facts(facts, superuser, client, set_day):
    set_day(TODAY)
    changbai = next(row for row in Dashboard(superuser, TODAY).rows if row.region.slug == "changbai")
    figure = changbai.figures["attractions_stale_facts"]
    changelist = reverse("admin:attractions_attractionfact_changelist")
    assert figure.url == f"{changelist}?county={changbai.region.pk}&age=stale"
    client.force_login(superuser)
    response = client.get(figure.url)
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert shown == {facts["stale"], facts["older"], facts["ended"]}
    assert len(shown) == figure.value
    page = response.content.decode()
    assert f"/admin/attractions/attraction/{facts['stale'].attraction_id}/change/#facts-group" in page
    assert "已结束" in page or "Ended" in page  # what its date means today
    port_page = client.get(changbai.figures["ports_stale_facts"].url)
    assert set(port_page.context["cl"].result_list) == {facts["port_stale"]}


def test_a_county_editor_counts_and_opens_only_their_counties_facts(facts, client, set_day):
    set_day(TODAY)
    editor = make_county_editor(facts["village_stale"].village.region)
    rows = figures_by_county(editor, TODAY)
    assert list(rows) == ["jian"]
    figure = rows["jian"]["villages_stale_facts"]
    assert figure.value == 1
    client.force_login(editor)
    response = client.get(figure.url)
    assert set(response.context["cl"].result_list) == {facts["village_stale"]}
    # Every stale attraction fact they may see: none of Changbai's.
    response = client.get(reverse("admin:attractions_attractionfact_changelist") + "?age=stale")
    assert list(response.context["cl"].result_list) == []
    # A fact is corrected on its place's page, not here.
    assert client.get(reverse("admin:villages_villagefact_add")).status_code == 403


def test_the_dashboard_page_shows_the_table(facts, superuser, client, set_day):
    set_day(TODAY)
    client.force_login(superuser)
    page = client.get(reverse("dashboard:index")).content.decode()
    assert 'id="stale-facts-table"' in page
    assert "已过时的实用信息" in page


def test_the_facts_list_costs_the_same_queries_with_more_facts(facts, superuser, client, set_day):
    set_day(TODAY)
    client.force_login(superuser)
    url = reverse("admin:attractions_attractionfact_changelist") + "?age=stale"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(6):
        fact(make_attraction(region=make_region(f"county-{n}")), verified_on=datetime.date(2020, 1, 1))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["cl"].result_count == 9
    assert len(many) == len(few)


def test_a_forged_county_shows_no_error(facts, superuser, client, set_day):
    set_day(TODAY)
    client.force_login(superuser)
    url = reverse("admin:attractions_attractionfact_changelist")
    for county in ("99999999999999999999999", "abc", "-1"):
        assert client.get(url, {"county": county, "age": "stale"}).status_code in (200, 302)
