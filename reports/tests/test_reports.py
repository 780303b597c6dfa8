"""Reports from travellers: sent without an account or personal data, guarded against robots, answered in the
admin by the county's editors, followed through a private link, counted on the dashboard."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from attractions.tests.factories import make_attraction
from listings.models import Status
from listings.tests.factories import make_region
from reports.models import ProblemKind, ProblemReport, ReportStatus
from routes.tests.factories import make_route
from staff.tests.factories import make_county_editor, make_province_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def hunchun():
    return make_region("hunchun", name_zh_hans="珲春", name_en="Hunchun")


@pytest.fixture
def fangchuan(hunchun):
    return make_attraction(region=hunchun, slug="fangchuan", name_zh_hans="防川风景名胜区", name_en="Fangchuan")


def report_form(client, listing_kind, slug, language=""):
    response = client.get(f"{language}/report/{listing_kind}/{slug}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"], "the form carries the moment it was opened: never cached"
    return response.context["form"].initial["opened"]


def send(client, listing_kind, slug, language="", **fields):
    data = {"kind": ProblemKind.HOURS_OR_PRICE, "message": "", "website": "", **fields}
    return client.post(f"{language}/report/{listing_kind}/{slug}/", data)


def test_every_listing_page_links_to_its_report_form(client, fangchuan):
    content = client.get(fangchuan.get_absolute_url()).content.decode()
    assert 'href="/report/attractions/fangchuan/"' in content
    assert "本页信息有误？报告问题" in content
    route = make_route(slug="three-countries", days=[[fangchuan]])
    assert 'href="/en/report/routes/three-countries/"' in client.get("/en" + route.get_absolute_url()).content.decode()


def test_a_traveller_reports_wrong_hours_and_follows_it_through_a_private_link(client, fangchuan, time_machine):
    time_machine.move_to("2027-05-01 09:00 +08:00", tick=False)
    opened = report_form(client, "attractions", "fangchuan", "/en")
    time_machine.shift(timedelta(seconds=20))
    response = send(client, "attractions", "fangchuan", "/en", opened=opened, message="Closed on Mondays now.")
    report = ProblemReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/report/status/{report.token}/?sent=1"
    assert (report.listing, report.region.slug, report.kind, report.language) == (
        fangchuan,
        "hunchun",
        ProblemKind.HOURS_OR_PRICE,
        "en",
    )
    assert not response.cookies, "no cookie for the traveller"

    status = client.get(response["Location"])
    assert status.status_code == 200, status.status_code
    assert status["Cache-Control"] == "private, no-store"
    assert "noindex" in status["X-Robots-Tag"]
    content = status.content.decode()
    assert "Thank you" in content and "Closed on Mondays now." in content and "<strong>New</strong>" in content

    report.status = ReportStatus.FIXED
    report.reply = "Updated: closed on Mondays."
    report.save()
    content = client.get(report.get_status_url()).content.decode()
    assert "<strong>Fixed</strong>" in content and "Updated: closed on Mondays." in content


def test_status_links_cannot_be_guessed(client, fangchuan):
    report = ProblemReport.about(fangchuan, kind=ProblemKind.CLOSED)
    report.save()
    assert len(report.token) >= 32
    assert client.get("/report/status/not-a-token/").status_code == 404
    assert client.get(f"/report/status/{report.token[:-1]}/").status_code == 404


def test_a_form_sent_within_seconds_is_a_robots_and_is_refused_with_a_form_error(client, fangchuan, time_machine):
    time_machine.move_to("2027-05-01 09:00 +08:00", tick=False)
    opened = report_form(client, "attractions", "fangchuan")
    response = send(client, "attractions", "fangchuan", opened=opened)
    assert response.status_code == 200
    assert "提交得太快了" in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_the_field_only_robots_fill_in_refuses_the_report(client, fangchuan, time_machine):
    time_machine.move_to("2027-05-01 09:00 +08:00", tick=False)
    opened = report_form(client, "attractions", "fangchuan")
    time_machine.shift(timedelta(seconds=20))
    response = send(client, "attractions", "fangchuan", opened=opened, website="http://spam.example")
    assert response.status_code == 200 and "反馈未能发送" in response.content.decode()
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"opened": "forged"}, "此表单已过期或被改动"),
        ({"opened": ""}, "这个字段是必填项"),
        ({"kind": "delete-everything"}, "选择一个有效的选项"),
        ({"message": "正常\x00文字"}, "Null characters are not allowed"),
        ({"message": "长" * 2001}, "2000"),
    ],
    ids=["forged stamp", "no stamp", "forged kind", "NUL byte", "too long"],
)
def test_bad_input_gets_a_form_error_never_a_500(client, fangchuan, time_machine, fields, error):
    time_machine.move_to("2027-05-01 09:00 +08:00", tick=False)
    opened = report_form(client, "attractions", "fangchuan")
    time_machine.shift(timedelta(seconds=20))
    response = send(client, "attractions", "fangchuan", **{"opened": opened, **fields})
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content or re.search("Null|空字符|null", content)
    assert not ProblemReport.objects.exists()


def test_a_stamp_older_than_a_day_asks_for_a_fresh_form(client, fangchuan, time_machine):
    time_machine.move_to("2027-05-01 09:00 +08:00", tick=False)
    opened = report_form(client, "attractions", "fangchuan")
    time_machine.shift(timedelta(days=1, seconds=1))
    assert "此表单已过期" in send(client, "attractions", "fangchuan", opened=opened).content.decode()


def test_unknown_kinds_drafts_and_missing_listings_are_404(client, fangchuan, hunchun):
    draft = make_attraction(region=hunchun, slug="draft-place", status=Status.DRAFT)
    assert client.get("/report/spaceships/fangchuan/").status_code == 404
    assert client.get(f"/report/attractions/{draft.slug}/").status_code == 404
    assert client.get("/report/attractions/nowhere/").status_code == 404
    assert client.post("/report/attractions/nowhere/", {"kind": "closed"}).status_code == 404


def test_one_address_sends_at_most_a_few_reports_an_hour(client, fangchuan, settings, time_machine):
    settings.RATE_LIMITS = {"report": "2/h"}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "reports"}}
    time_machine.move_to("2027-05-01 09:00 +08:00", tick=False)
    opened = report_form(client, "attractions", "fangchuan")
    time_machine.shift(timedelta(seconds=20))
    answers = [send(client, "attractions", "fangchuan", opened=opened).status_code for _ in range(3)]
    assert answers == [302, 302, 429]
    assert ProblemReport.objects.count() == 2
    assert client.get("/report/attractions/fangchuan/").status_code == 200, "reading the form is not limited"


# The admin ---------------------------------------------------------------------------------------


def sign_in(client, user):
    client.force_login(user)


def test_county_editors_see_and_answer_only_their_countys_reports(client, fangchuan, hunchun):
    ji_an = make_region("jian")
    elsewhere = make_attraction(region=ji_an, slug="wandu")
    mine = ProblemReport.about(fangchuan, kind=ProblemKind.CLOSED, message="关门了")
    mine.save()
    theirs = ProblemReport.about(elsewhere, kind=ProblemKind.MOVED)
    theirs.save()
    sign_in(client, make_county_editor(hunchun))

    listing = client.get(reverse("admin:reports_problemreport_changelist")).content.decode()
    assert "关门了" in listing
    assert f"/admin/reports/problemreport/{theirs.pk}/change/" not in listing
    assert client.get(reverse("admin:reports_problemreport_change", args=[theirs.pk])).status_code == 403

    page = client.get(reverse("admin:reports_problemreport_change", args=[mine.pk])).content.decode()
    assert f"/admin/attractions/attraction/{fangchuan.pk}/change/" in page, "a link to the listing"
    response = client.post(
        reverse("admin:reports_problemreport_change", args=[mine.pk]),
        {"status": ReportStatus.FIXED, "reply": "已更新开放时间", "message": "forged", "kind": "other"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.reply, mine.message, mine.kind) == (
        ReportStatus.FIXED,
        "已更新开放时间",
        "关门了",
        "closed",
    )
    assert mine.fixed_at is not None and mine.confirmed_at is not None
    assert client.get(reverse("admin:reports_problemreport_add")).status_code == 403


def test_a_report_on_a_border_tour_goes_to_the_provinces_staff(client, fangchuan, hunchun):
    route = make_route(slug="three-countries", days=[[fangchuan]])
    report = ProblemReport.about(route, kind=ProblemKind.OTHER, message="第二天的路线不通")
    report.save()
    assert report.region is None
    sign_in(client, make_county_editor(hunchun))
    assert "第二天的路线不通" not in client.get(reverse("admin:reports_problemreport_changelist")).content.decode()
    client.logout()
    sign_in(client, make_province_editor())
    assert "第二天的路线不通" in client.get(reverse("admin:reports_problemreport_changelist")).content.decode()


def test_reopening_a_fixed_report_clears_its_fix_date():
    attraction = make_attraction()
    report = ProblemReport.about(attraction, kind=ProblemKind.CLOSED, status=ReportStatus.FIXED)
    report.save()
    assert report.fixed_at is not None
    report.status = ReportStatus.CONFIRMED
    report.save()
    assert report.fixed_at is None and report.confirmed_at is not None


# The dashboard -----------------------------------------------------------------------------------


def test_the_dashboard_counts_reports_per_county_and_the_median_days_to_fix(client, fangchuan, hunchun):
    ji_an = make_region("jian", name_zh_hans="集安")
    wandu = make_attraction(region=ji_an, slug="wandu")
    now = timezone.now()
    for listing, status, days_to_fix in [
        (fangchuan, ReportStatus.NEW, None),
        (fangchuan, ReportStatus.FIXED, 2),
        (wandu, ReportStatus.FIXED, 4),
        (wandu, ReportStatus.FIXED, 9),
        (wandu, ReportStatus.CONFIRMED, None),
    ]:
        report = ProblemReport.about(listing, kind=ProblemKind.CLOSED, status=status)
        report.save()
        if days_to_fix is not None:
            ProblemReport.objects.filter(pk=report.pk).update(
                created_at=now - timedelta(days=days_to_fix), fixed_at=now
            )
    assert ProblemReport.objects.median_days_to_fix() == pytest.approx(4)

    sign_in(client, make_province_editor())
    content = client.get(reverse("dashboard:index")).content.decode()
    table = content[
        content.index('id="reports-table"') : content.index("</table>", content.index('id="reports-table"'))
    ]
    assert f"?region__id__exact={hunchun.pk}&amp;status__exact=new" in table
    assert "提交后 4.0 天" in content

    client.logout()
    sign_in(client, make_county_editor(hunchun))
    content = client.get(reverse("dashboard:index")).content.decode()
    assert "提交后 2.0 天" in content, "a county editor's median is over their own county's reports"


def test_the_admin_home_shows_open_reports_to_the_countys_editors(client, fangchuan, hunchun):
    ji_an = make_region("jian")
    theirs = ProblemReport.about(make_attraction(region=ji_an, slug="wandu"), kind=ProblemKind.MOVED, message="搬走了")
    theirs.save()
    mine = ProblemReport.about(fangchuan, kind=ProblemKind.CLOSED, message="冬季关闭")
    mine.save()
    done = ProblemReport.about(fangchuan, kind=ProblemKind.OTHER, message="已经修好", status=ReportStatus.FIXED)
    done.save()
    sign_in(client, make_county_editor(hunchun))
    home = client.get(reverse("admin:index")).content.decode()
    panel = home[home.index('id="waiting-for-you"') :]
    assert "旅客反馈 (1)" in panel
    assert reverse("admin:reports_problemreport_change", args=[mine.pk]) in panel and "冬季关闭" in panel
    assert "搬走了" not in panel and "已经修好" not in panel
