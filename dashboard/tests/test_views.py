"""What each role sees on the dashboard, its exports, and where it is linked from."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from corridor_portal import clock
from dashboard.figures import COLUMNS
from dashboard.models import PageView
from listings.page_views import content_type_id
from staff.tests.factories import make_county_editor, make_province_editor, make_publisher, make_staff

pytestmark = pytest.mark.django_db


def add_views(listing, views, language="en", day=None):
    PageView.objects.add({(content_type_id(listing), listing.pk, language, day or clock.today()): views})


def heading(key):
    """A column's heading in the admin's language (Chinese: admin addresses have no language prefix)."""
    return str(next(column.label for column in COLUMNS if column.key == key))


def county_rows(response):
    """The county names heading the rows of the first table."""
    return [region.slug for region, _cells in response.context["overview_rows"]]


def test_the_admin_home_links_to_the_dashboard(client, corridor):
    client.force_login(make_publisher())
    page = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("dashboard:index")}"' in page


def test_a_visitor_is_sent_to_sign_in_and_staff_without_a_role_are_refused(client, corridor):
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(make_staff())
    assert client.get(reverse("dashboard:index")).status_code == 403
    assert client.get(reverse("dashboard:export", args=["csv"])).status_code == 403
    assert f'href="{reverse("dashboard:index")}"' not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("make_user", [make_publisher, make_province_editor])
def test_publishers_and_province_editors_see_every_county(client, corridor, make_user):
    client.force_login(make_user())
    response = client.get(reverse("dashboard:index"))
    assert county_rows(response) == ["jian", "changbai", "hunchun"]
    assert response.context["dashboard"].allowed is None


def test_a_county_editor_sees_only_their_county(client, corridor):
    hunchun = corridor["regions"]["hunchun"]
    add_views(corridor["tomb"], 50)  # Ji'an
    add_views(corridor["fangchuan"], 7, language="ko")  # Hunchun
    client.force_login(make_county_editor(hunchun))
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert county_rows(response) == ["hunchun"]
    page = response.content.decode()
    assert "集安" not in page and "Ji&#x27;an" not in page  # not even in a chart
    assert f"region__id__exact={corridor['regions']['jian'].pk}" not in page
    assert [item.listing for item in response.context["most_viewed"]] == [corridor["fangchuan"]]
    assert response.context["views_total"] == 7
    assert [language["views"] for language in response.context["views_per_language"]] == [7]
    keys = [column.key for column in response.context["overview_columns"]]
    totals = dict(zip(keys, response.context["overview_totals"], strict=True))
    assert totals["homestays_now"].value == 12  # Hunchun's only
    # Border Tours are counted for the county, but a county editor has no list of them to open.
    assert totals["tours_published"].url == ""


def test_a_county_editor_of_two_counties_sees_both_in_corridor_order(client, corridor):
    regions = corridor["regions"]
    client.force_login(make_county_editor(regions["hunchun"], regions["jian"]))
    assert county_rows(client.get(reverse("dashboard:index"))) == ["jian", "hunchun"]


def test_a_county_editor_without_a_county_is_told_so(client, corridor):
    from staff.roles import COUNTY_EDITORS

    client.force_login(make_staff(COUNTY_EDITORS))
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert 'class="errornote"' in response.content.decode()
    assert response.context["most_viewed"] == []


def test_the_csv_export_holds_the_table(client, corridor):
    client.force_login(make_publisher())
    response = client.get(reverse("dashboard:export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    headings = rows[0]
    assert headings[2:] == [str(column.label) for column in COLUMNS]
    by_county = {row[0]: dict(zip(headings, row, strict=True)) for row in rows[1:]}
    assert list(by_county)[:3] == ["集安", "长白", "珲春"] and len(by_county) == 4  # and the totals
    assert by_county["珲春"][heading("beds_now")] == "60"
    assert by_county["集安"][heading("attractions_draft")] == "1"
    assert rows[-1][2 + [c.key for c in COLUMNS].index("tours_published")] == "2"


def test_the_xlsx_export_holds_the_same_table_and_a_county_editor_gets_their_own(client, corridor):
    client.force_login(make_county_editor(corridor["regions"]["hunchun"]))
    response = client.get(reverse("dashboard:export", args=["xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[1][0] == "珲春"  # the heading, Hunchun, the totals
    hunchun = dict(zip(rows[0], rows[1], strict=True))
    assert hunchun[heading("homestays_now")] == 12 and hunchun[heading("villages_draft")] == 1


def test_an_unknown_export_format_is_a_404(client, corridor):
    client.force_login(make_publisher())
    assert client.get("/admin/dashboard/export.pdf").status_code == 404


def test_the_charts_are_svg_with_their_numbers_in_tables(client, corridor):
    add_views(corridor["tomb"], 5)
    client.force_login(make_publisher())
    page = client.get(reverse("dashboard:index")).content.decode()
    assert page.count('<svg class="chart-svg"') == 4  # homestays, beds, categories, views per day
    assert page.count('<div class="visually-hidden"><table>') == 4
    assert 'aria-hidden="true"' in page
    assert "style=" not in page.split('id="content-main"')[1]  # the CSP forbids style attributes


def test_most_viewed_and_views_by_language_of_the_last_30_days(client, corridor):
    today = clock.today()
    add_views(corridor["tomb"], 5, "en")
    add_views(corridor["tomb"], 4, "ko")
    add_views(corridor["fangchuan"], 6, "zh-hans")
    add_views(corridor["tour"], 2, "ru")
    add_views(corridor["hunchun-village"], 100, "en", day=today - timezone.timedelta(days=30))  # too old
    client.force_login(make_publisher())
    response = client.get(reverse("dashboard:index"))
    most = [(item.listing, item.views) for item in response.context["most_viewed"]]
    assert most == [(corridor["tomb"], 9), (corridor["fangchuan"], 6), (corridor["tour"], 2)]
    languages = [(language["code"], language["views"]) for language in response.context["views_per_language"]]
    assert languages == [("zh-hans", 6), ("en", 5), ("ko", 4), ("ru", 2)]
    assert response.context["views_total"] == 17
    page = response.content.decode()
    assert reverse("admin:attractions_attraction_change", args=[corridor["tomb"].pk]) in page


def test_a_listing_admin_page_shows_its_trend(client, corridor):
    today = clock.today()
    add_views(corridor["tomb"], 3, day=today - timezone.timedelta(days=2))
    add_views(corridor["tomb"], 4, "ko", day=today)
    add_views(corridor["tomb"], 10, day=today - timezone.timedelta(days=60))
    client.force_login(make_province_editor())
    page = client.get(reverse("admin:attractions_attraction_change", args=[corridor["tomb"].pk])).content.decode()
    assert 'class="sparkline"' in page
    assert ">7<" in page.split('class="page-view-total-30"')[1][:40]
    assert ">17<" in page.split('class="page-view-total-90"')[1][:40]


def test_every_counted_kind_has_the_trend_on_its_admin_page(client, corridor):
    client.force_login(make_province_editor())
    for listing in (corridor["jian-village"], corridor["tour"]):
        opts = listing._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[listing.pk])
        assert 'class="sparkline"' in client.get(url).content.decode()
