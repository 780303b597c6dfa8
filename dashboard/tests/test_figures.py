"""Every figure on the dashboard is what the database holds, and opens the admin list of exactly those listings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from attractions.models import Attraction
from corridor_portal import clock
from dashboard.figures import COLUMNS, KINDS, WORK, Dashboard
from dashboard.models import PageView
from listings.i18n import translated_fields
from listings.models import Status
from listings.page_views import content_type_id
from listings.tests.factories import make_region
from routes.models import Route
from villages.models import Village
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def lacks_language(listing, code):
    """Computed in Python, independently of the SQL condition the dashboard uses."""
    column = code.replace("-", "_")
    return any(
        getattr(listing, f"{field}_zh_hans") and not getattr(listing, f"{field}_{column}")
        for field in translated_fields(type(listing))
    )


def expected_work(model, region):
    """What the WORK figures must be, counted the plain way."""
    listings = list(model.objects.filter(region=region).prefetch_related("photos", "sources", "facts"))
    return {
        "draft": sum(listing.status == Status.DRAFT for listing in listings),
        "review": sum(listing.status == Status.IN_REVIEW for listing in listings),
        "no_photo": sum(not listing.photos.all() for listing in listings),
        "missing_en": sum(lacks_language(listing, "en") for listing in listings),
        "missing_ko": sum(lacks_language(listing, "ko") for listing in listings),
        "missing_ru": sum(lacks_language(listing, "ru") for listing in listings),
        "no_source": sum(not listing.sources.all() for listing in listings),
        "approximate": sum(listing.position_is_approximate for listing in listings),
    }


def test_every_figure_equals_the_database(corridor, superuser):
    dashboard = Dashboard(superuser, TODAY)
    assert [row.region.slug for row in dashboard.rows] == ["jian", "changbai", "hunchun"]  # along the road
    for row in dashboard.rows:
        region = row.region
        value = {key: figure.value for key, figure in row.figures.items()}
        assert value["attractions_published"] == Attraction.objects.published().filter(region=region).count()
        assert value["villages_published"] == Village.objects.published().filter(region=region).count()
        assert value["tours_published"] == Route.objects.published().passing_through([region.slug]).count()
        published_villages = Village.objects.published().filter(region=region)
        assert value["homestays_now"] == (sum(v.homestays for v in published_villages) if published_villages else None)
        assert value["beds_now"] == (sum(v.beds for v in published_villages) if published_villages else None)
        for kind, model, _label in KINDS:
            for key, number in expected_work(model, region).items():
                assert value[f"{kind}_{key}"] == number, (region.slug, kind, key)
    # A few spelled out, so that a wrong "expected" cannot hide a wrong figure.
    jian, hunchun = dashboard.rows[0].figures, dashboard.rows[2].figures
    assert jian["attractions_published"].value == 1 and jian["attractions_draft"].value == 1
    assert jian["attractions_review"].value == 1 and jian["attractions_missing_en"].value == 1
    assert jian["attractions_approximate"].value == 1 and jian["attractions_no_photo"].value == 1
    assert jian["tours_published"].value == 1 and hunchun["tours_published"].value == 1
    assert hunchun["homestays_now"].value == 12 and hunchun["beds_now"].value == 60  # the draft village is left out
    assert hunchun["villages_draft"].value == 1 and hunchun["attractions_no_source"].value == 1


def test_totals_add_up_the_counties(corridor, superuser):
    dashboard = Dashboard(superuser, TODAY)
    for column in COLUMNS:
        if column.key == "tours_published":
            continue
        counties = sum(row.figures[column.key].value or 0 for row in dashboard.rows)
        assert (dashboard.totals.figures[column.key].value or 0) == counties
    assert dashboard.totals.figures["attractions_published"].value == Attraction.objects.published().count()


def test_a_tour_through_two_counties_counts_in_each_and_once_in_the_total(corridor, superuser):
    dashboard = Dashboard(superuser, TODAY)
    assert [row.figures["tours_published"].value for row in dashboard.rows] == [1, 1, 1]
    assert dashboard.totals.figures["tours_published"].value == Route.objects.published().count() == 2


def test_each_number_opens_the_admin_list_it_counts(corridor, superuser, client):
    """Follow every link of every county and of the totals: the admin list holds exactly that many rows."""
    client.force_login(superuser)
    dashboard = Dashboard(superuser, TODAY)
    followed = 0
    for row in [*dashboard.rows, dashboard.totals]:
        for key, figure in row.figures.items():
            if not figure.url:
                assert key.endswith("_year_ago")  # the past has no admin list
                continue
            response = client.get(figure.url)
            assert response.status_code == 200, figure.url  # a parameter the admin refuses redirects with ?e=1
            changelist = response.context["cl"]
            if key in ("homestays_now", "beds_now"):  # the villages whose homestays or beds are added up
                field = key.removesuffix("_now")
                known = [getattr(village, field) for village in changelist.queryset]
                known = [value for value in known if value is not None]
                listed = sum(known) if known else None
            else:
                listed = changelist.result_count
            assert listed == figure.value, (key, figure.url)
            followed += 1
    assert followed == (len(COLUMNS) - 2) * (len(dashboard.rows) + 1)


def test_links_carry_the_filters_the_admin_lists_accept(corridor, superuser):
    dashboard = Dashboard(superuser, TODAY)
    jian = dashboard.rows[0]
    region_id = jian.region.pk
    assert jian.figures["attractions_draft"].url == (
        f"/admin/attractions/attraction/?region__id__exact={region_id}&status__exact=draft"
    )
    assert jian.figures["villages_missing_ko"].url.endswith(f"?region__id__exact={region_id}&missing=ko")
    assert jian.figures["attractions_no_photo"].url.endswith("&photo=missing")
    assert jian.figures["attractions_no_source"].url.endswith("&source=missing")
    assert jian.figures["attractions_approximate"].url.endswith("&position_is_approximate__exact=1")
    assert jian.figures["tours_published"].url == "/admin/routes/route/?county=jian&status__exact=published"
    assert len(WORK) == 8


# Twelve months ago, from the change history --------------------------------------------------------


def at(day, hour=12):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_default_timezone())


def date_history(village, *days):
    """Give the village's history records (oldest first) these dates."""
    records = list(village.history.order_by("history_date", "history_id"))
    assert len(records) == len(days)
    for record, day in zip(records, days, strict=True):
        type(record).objects.filter(history_id=record.history_id).update(history_date=at(day))


def test_capacity_twelve_months_ago_comes_from_the_change_history(superuser):
    hunchun, jian = make_region("hunchun"), make_region("jian")
    year_ago = TODAY - datetime.timedelta(days=365)

    grown = make_village(region=hunchun, homestays=5, beds=20)
    grown.homestays, grown.beds = 8, 35
    grown.save()
    date_history(grown, year_ago - datetime.timedelta(days=30), TODAY - datetime.timedelta(days=100))

    changed_that_day = make_village(region=hunchun, homestays=2, beds=6)
    changed_that_day.homestays = 3
    changed_that_day.save()
    # Both records on the day itself: the later one of that day counts.
    date_history(changed_that_day, year_ago, year_ago)
    type(changed_that_day.history.latest()).objects.filter(
        history_id=changed_that_day.history.latest().history_id
    ).update(history_date=at(year_ago, 20))

    new = make_village(region=hunchun, homestays=7, beds=30)
    date_history(new, year_ago + datetime.timedelta(days=1))  # the day after: not there yet

    was_draft = make_village(region=jian, status=Status.DRAFT, homestays=4, beds=10)
    was_draft.status = Status.PUBLISHED
    was_draft.save()
    date_history(was_draft, year_ago - datetime.timedelta(days=3), TODAY - datetime.timedelta(days=3))

    gone = make_village(region=jian, homestays=6, beds=16)
    gone_id = gone.pk
    gone.delete()
    history = Village.history.model
    created, deleted = history.objects.filter(id=gone_id).order_by("history_date", "history_id")
    history.objects.filter(history_id=created.history_id).update(history_date=at(year_ago - datetime.timedelta(60)))
    history.objects.filter(history_id=deleted.history_id).update(history_date=at(TODAY - datetime.timedelta(10)))

    dashboard = Dashboard(superuser, TODAY)
    assert dashboard.capacity_on(year_ago) == {
        hunchun.pk: {"homestays": 5 + 3, "beds": 20 + 6},
        jian.pk: {"homestays": 6, "beds": 16},  # published then, deleted since; the draft did not count
    }
    figures = {row.region.slug: row.figures for row in dashboard.rows}
    assert figures["hunchun"]["homestays_year_ago"].value == 8 and figures["hunchun"]["beds_year_ago"].value == 26
    assert figures["hunchun"]["homestays_now"].value == 8 + 3 + 7
    assert figures["jian"]["homestays_now"].value == 4 and figures["jian"]["homestays_year_ago"].value == 6
    assert not dashboard.history_is_short


def test_a_history_younger_than_a_year_is_said_so(superuser, client):
    make_village(region=make_region("hunchun"), homestays=3, beds=9)
    client.force_login(superuser)
    page = client.get(reverse("dashboard:index")).content.decode()
    # The admin speaks Chinese; compare with the catalogue's words, not English.
    begins = gettext("The history begins on %(day)s: villages not changed since are missing from the earlier figures.")
    assert begins.split("%(day)s")[0] in page
    assert f'title="{gettext("not recorded")}">—</span>' in page  # nothing 12 months ago


def test_capacity_nobody_recorded_is_unknown_not_zero(superuser):
    hunchun = make_region("hunchun")
    make_village(region=hunchun, homestays=None, beds=None)
    (row,) = Dashboard(superuser, TODAY).rows
    assert row.figures["homestays_now"].value is None and row.figures["beds_now"].value is None
    make_village(region=hunchun, homestays=2, beds=None)
    (row,) = Dashboard(superuser, TODAY).rows
    assert row.figures["homestays_now"].value == 2 and row.figures["beds_now"].value is None


def test_the_dashboard_costs_the_same_queries_with_more_listings_and_views(corridor, superuser, client):
    """One query per family of figures (and per kind of listing among the most viewed): more counties,
    listings or viewed pages add none."""
    client.force_login(superuser)
    today = clock.today()
    PageView.objects.add({(content_type_id(Attraction), corridor["tomb"].pk, "en", today): 3})
    PageView.objects.add({(content_type_id(Village), corridor["jian-village"].pk, "en", today): 2})
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("dashboard:index")).status_code == 200
    for n in range(10):
        village = make_village(region=make_region(f"county-{n}"), slug=f"more-{n}", homestays=1, beds=2)
        PageView.objects.add({(content_type_id(Village), village.pk, "ko", today): n + 1})
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("dashboard:index")).status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 20, [query["sql"][:100] for query in many.captured_queries]
