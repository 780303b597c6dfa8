"""Review in one click (#23 line 3): the buttons by role, pending revisions of published listings, the review
page's difference, sending back with a comment, and the admin home's "waiting for you" panel."""

import pytest
from django.contrib.messages import get_messages
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from listings.models import PendingRevision, ReviewDecision, Status
from listings.tests.factories import make_region

from .factories import make_county_editor, make_province_editor, make_publisher

pytestmark = pytest.mark.django_db

REVISION_SAVED = "您的修改已保存为待审核的修订，已发布的版本仍在网站上"


def change_url(listing):
    return reverse("admin:attractions_attraction_change", args=[listing.pk])


def review_url(listing):
    return reverse("admin:attractions_attraction_review", args=[listing.pk])


def form_data(response):
    """What the change form on the page posts back unchanged, inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None and not isinstance(value, FieldFile):
                data[field.html_name] = value
    return data


def shown_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def hunchun():
    return make_region("hunchun")


@pytest.fixture
def published(hunchun):
    return make_attraction(
        region=hunchun, status=Status.PUBLISHED, name_zh_hans="防川风景区", summary_zh_hans="三国交界的观景台。"
    )


def edit_as(client, user, listing, **changes):
    client.force_login(user)
    data = form_data(client.get(change_url(listing)))
    data.update(changes)
    return client.post(change_url(listing), data)


class TestPendingRevision:
    def test_a_county_editors_change_to_a_published_listing_waits_for_review(self, client, hunchun, published):
        editor = make_county_editor(hunchun)
        response = edit_as(client, editor, published, summary_zh_hans="三国交界的观景台，可望俄罗斯和朝鲜。")
        assert response.status_code == 302
        assert REVISION_SAVED in shown_messages(response)[0]
        live = Attraction.objects.get(pk=published.pk)
        assert live.summary_zh_hans == "三国交界的观景台。"
        assert live.status == Status.PUBLISHED
        revision = PendingRevision.objects.of(live)
        assert revision.author == editor
        assert revision.values["summary_zh_hans"] == "三国交界的观景台，可望俄罗斯和朝鲜。"
        # Visitors still read the published text.
        client.logout()
        page = client.get(live.get_absolute_url()).content.decode()
        assert "三国交界的观景台。" in page
        assert "可望俄罗斯和朝鲜" not in page

    def test_the_editor_keeps_editing_their_revision(self, client, hunchun, published):
        editor = make_county_editor(hunchun)
        edit_as(client, editor, published, name_en="Fangchuan Scenic Area (three borders)")
        page = client.get(change_url(published))
        assert page.context["adminform"].form["name_en"].value() == "Fangchuan Scenic Area (three borders)"
        assert "Fangchuan Scenic Area (three borders)" in page.content.decode()
        edit_as(client, editor, published, summary_en="Where three countries meet.")
        revision = PendingRevision.objects.of(published)
        assert revision.values["name_en"] == "Fangchuan Scenic Area (three borders)"
        assert revision.values["summary_en"] == "Where three countries meet."
        assert PendingRevision.objects.count() == 1

    def test_publishing_a_revision_keeps_what_others_changed_meanwhile(self, client, hunchun, published):
        edit_as(client, make_county_editor(hunchun), published, name_en="Fangchuan (three borders)")
        assert set(PendingRevision.objects.of(published).values) == {"name_en"}
        edit_as(client, make_province_editor(), published, summary_en="Corrected by the province.")
        client.force_login(make_publisher())
        revision = PendingRevision.objects.of(published)
        client.post(review_url(published), {"_publish": "1", "revision": revision.pk})
        live = Attraction.objects.get(pk=published.pk)
        assert (live.name_en, live.summary_en) == ("Fangchuan (three borders)", "Corrected by the province.")

    def test_saving_the_published_text_unchanged_keeps_no_revision(self, client, hunchun, published):
        editor = make_county_editor(hunchun)
        edit_as(client, editor, published, summary_zh_hans="改过的简介")
        response = edit_as(client, editor, published, summary_zh_hans="三国交界的观景台。")
        assert not PendingRevision.objects.exists()
        assert "没有保留修订" in shown_messages(response)[0]

    def test_a_deleted_listing_takes_its_revision_and_decisions_with_it(self, client, hunchun, published):
        edit_as(client, make_county_editor(hunchun), published, summary_zh_hans="改过的简介")
        from editorial.review import send_back

        send_back(published, make_province_editor(), "再看看", PendingRevision.objects.of(published))
        published.delete()
        assert not PendingRevision.objects.exists() and not ReviewDecision.objects.exists()

    def test_a_province_editor_changes_the_live_listing(self, client, published):
        response = edit_as(client, make_province_editor(), published, summary_zh_hans="新的摘要")
        assert response.status_code == 302
        assert Attraction.objects.get(pk=published.pk).summary_zh_hans == "新的摘要"
        assert not PendingRevision.objects.exists()

    def test_the_reviewer_sees_the_difference_and_publishes_it(self, client, hunchun, published):
        edit_as(client, make_county_editor(hunchun), published, summary_zh_hans="三国交界的观景台，可望俄罗斯。")
        publisher = make_publisher(username="li")
        client.force_login(publisher)
        page = client.get(review_url(published))
        assert page.status_code == 200
        html = page.content.decode()
        assert "<ins>，可望俄罗斯</ins>" in html
        assert '<th scope="row">简介 [中文]</th>' in html
        revision = PendingRevision.objects.of(published)
        response = client.post(review_url(published), {"_publish": "1", "revision": revision.pk})
        assert response.status_code == 302
        live = Attraction.objects.get(pk=published.pk)
        assert live.summary_zh_hans == "三国交界的观景台，可望俄罗斯。"
        assert live.status == Status.PUBLISHED
        assert not PendingRevision.objects.exists()
        latest = live.history.latest()
        assert latest.history_user == publisher
        assert latest.summary_zh_hans == "三国交界的观景台，可望俄罗斯。"
        assert ReviewDecision.objects.get().outcome == ReviewDecision.Outcome.PUBLISHED

    def test_a_revision_that_no_longer_validates_is_not_published(self, client, hunchun, published):
        edit_as(client, make_county_editor(hunchun), published, summary_zh_hans="改过")
        revision = PendingRevision.objects.of(published)
        revision.values["latitude"] = "130.5"  # swapped, say, by an older form
        revision.save()
        client.force_login(make_publisher())
        response = client.post(review_url(published), {"_publish": "1", "revision": revision.pk}, follow=True)
        assert any(gettext("Not published: %(problem)s") % {"problem": ""} in m for m in shown_messages(response))
        assert Attraction.objects.get(pk=published.pk).summary_zh_hans == "三国交界的观景台。"
        assert PendingRevision.objects.exists()

    def test_photos_of_a_published_listing_are_read_only_in_a_revision(self, client, hunchun, published):
        client.force_login(make_county_editor(hunchun))
        page = client.get(change_url(published))
        photos = page.context["inline_admin_formsets"][0]
        assert not photos.has_add_permission and not photos.has_change_permission
        assert "修订中不能修改照片" in page.content.decode()


class TestSendBack:
    def test_a_sent_back_listing_returns_to_draft_with_the_comment(self, client, hunchun):
        editor = make_county_editor(hunchun, username="zhang")
        listing = make_attraction(region=hunchun, status=Status.DRAFT, name_zh_hans="图们江观景台")
        response = edit_as(client, editor, listing, _submit_for_review="1")
        assert response.status_code == 302
        assert Attraction.objects.get(pk=listing.pk).status == Status.IN_REVIEW

        client.force_login(make_publisher(username="li"))
        home = client.get(reverse("admin:index")).content.decode()
        assert "图们江观景台" in home and review_url(listing) in home

        empty = client.post(review_url(listing), {"_send_back": "1", "review_comment": "  "}, follow=True)
        assert any("comment" in m.lower() or "意见" in m for m in shown_messages(empty))
        assert Attraction.objects.get(pk=listing.pk).status == Status.IN_REVIEW

        client.post(review_url(listing), {"_send_back": "1", "review_comment": "请补充开放时间。"})
        assert Attraction.objects.get(pk=listing.pk).status == Status.DRAFT
        decision = ReviewDecision.objects.get()
        assert (decision.editor, decision.outcome, decision.is_open) == (editor, "sent_back", True)

        client.force_login(editor)
        home = client.get(reverse("admin:index")).content.decode()
        assert "请补充开放时间。" in home and change_url(listing) in home
        assert "请补充开放时间。" in client.get(change_url(listing)).content.decode()

        # Submitting again answers the comment: it leaves the home panel.
        edit_as(client, editor, listing, _submit_for_review="1")
        assert "请补充开放时间。" not in client.get(reverse("admin:index")).content.decode()

    def test_the_read_only_page_offers_a_publisher_publish_and_send_back(self, client, hunchun):
        listing = make_attraction(region=hunchun, status=Status.IN_REVIEW)
        client.force_login(make_publisher())
        page = client.get(change_url(listing)).content.decode()
        assert f'formaction="{review_url(listing)}"' in page
        assert 'name="_publish"' in page and 'name="_send_back"' in page
        client.post(review_url(listing), {"_publish": "1"})
        assert Attraction.objects.get(pk=listing.pk).status == Status.PUBLISHED


class TestButtonsAndForgery:
    def test_a_county_editor_sees_save_draft_and_submit_not_publish(self, client, hunchun):
        listing = make_attraction(region=hunchun, status=Status.DRAFT)
        client.force_login(make_county_editor(hunchun))
        page = client.get(change_url(listing)).content.decode()
        assert 'name="_submit_for_review"' in page
        assert 'name="_publish"' not in page

    def test_a_province_editor_publishes_from_the_change_page(self, client):
        listing = make_attraction(status=Status.IN_REVIEW)
        response = edit_as(client, make_province_editor(), listing, _publish="1")
        assert response.status_code == 302
        assert Attraction.objects.get(pk=listing.pk).status == Status.PUBLISHED

    def test_a_forged_publish_from_a_county_editor_publishes_nothing(self, client, hunchun):
        listing = make_attraction(region=hunchun, status=Status.IN_REVIEW)
        response = edit_as(client, make_county_editor(hunchun), listing, _publish="1")
        assert Attraction.objects.get(pk=listing.pk).status == Status.IN_REVIEW
        assert any(gettext("Only publishers and province editors publish.") in m for m in shown_messages(response))
        response = client.post(review_url(listing), {"_publish": "1"})
        assert response.status_code == 302
        assert Attraction.objects.get(pk=listing.pk).status == Status.IN_REVIEW
        assert not ReviewDecision.objects.exists()

    def test_a_forged_publish_on_a_published_listing_only_keeps_a_revision(self, client, hunchun, published):
        edit_as(client, make_county_editor(hunchun), published, summary_zh_hans="改", _publish="1")
        assert Attraction.objects.get(pk=published.pk).summary_zh_hans == "三国交界的观景台。"
        assert PendingRevision.objects.exists()

    def test_another_countys_review_page_is_refused(self, client, hunchun, published):
        jian = make_region("jian")
        client.force_login(make_county_editor(jian))
        assert client.get(review_url(published)).status_code == 403
        assert client.post(review_url(published), {"_publish": "1"}).status_code == 403

    def test_a_forged_revision_id_is_not_found(self, client, hunchun, published):
        jian = make_region("jian")
        other = make_attraction(region=jian, status=Status.PUBLISHED)
        edit_as(client, make_county_editor(hunchun), published, summary_zh_hans="珲春的修订")
        edit_as(client, make_county_editor(jian), other, summary_zh_hans="集安的修订")
        hunchun_revision = PendingRevision.objects.of(published)
        client.force_login(make_publisher())
        # Hunchun's revision posted to Jian's listing, with or without its own revision waiting.
        assert client.post(review_url(other), {"_publish": "1", "revision": hunchun_revision.pk}).status_code == 404
        PendingRevision.objects.of(other).delete()
        assert client.post(review_url(other), {"_publish": "1", "revision": hunchun_revision.pk}).status_code == 404
        assert client.post(review_url(other), {"_publish": "1", "revision": "1; DROP"}).status_code == 404
        assert Attraction.objects.get(pk=published.pk).summary_zh_hans == "三国交界的观景台。"
        assert not ReviewDecision.objects.filter(outcome="published").exists()

    def test_a_revision_decided_on_meanwhile_is_said_so(self, client, hunchun, published):
        edit_as(client, make_county_editor(hunchun), published, summary_zh_hans="改")
        revision_pk = PendingRevision.objects.of(published).pk
        client.force_login(make_publisher())
        client.post(review_url(published), {"_publish": "1", "revision": revision_pk})
        again = client.post(review_url(published), {"_publish": "1", "revision": revision_pk}, follow=True)
        assert "这份修订已经处理过了。" in shown_messages(again)


class TestHomePanel:
    def test_the_panel_counts_in_review_and_revisions_in_the_reviewers_scope(self, client, hunchun):
        jian = make_region("jian")
        make_attraction(region=hunchun, status=Status.IN_REVIEW, name_zh_hans="珲春待审")
        make_attraction(region=jian, status=Status.IN_REVIEW, name_zh_hans="集安待审")
        client.force_login(make_publisher())
        home = client.get(reverse("admin:index"))
        html = home.content.decode()
        assert "珲春待审" in html and "集安待审" in html
        assert f"{gettext('To review')} (2)" in html

    def test_a_county_editor_sees_only_their_own_sent_back_work(self, client, hunchun):
        jian = make_region("jian")
        mine, theirs = make_county_editor(hunchun), make_county_editor(jian)
        own = make_attraction(region=hunchun, status=Status.IN_REVIEW, name_zh_hans="珲春景点")
        other = make_attraction(region=jian, status=Status.IN_REVIEW, name_zh_hans="集安景点")
        reviewer = make_province_editor()
        from editorial.review import send_back

        ReviewDecision.objects.all().delete()
        send_back(own, reviewer, "珲春的意见")
        send_back(other, reviewer, "集安的意见")
        ReviewDecision.objects.filter(object_id=own.pk).update(editor=mine)
        ReviewDecision.objects.filter(object_id=other.pk).update(editor=theirs)
        client.force_login(mine)
        html = client.get(reverse("admin:index")).content.decode()
        assert "珲春的意见" in html and "集安的意见" not in html
        assert gettext("To review") not in html  # they publish nothing


@pytest.mark.parametrize(
    ("language", "heading", "saved"),
    [
        ("en", "Waiting for you", "the published version stays on the site"),
        ("ko", "내가 처리할 일", "게시된 버전은 사이트에 그대로 남아 있습니다"),
        ("ru", "Ждёт вас", "опубликованная версия остаётся на сайте"),
        ("zh-hans", "等待您处理", REVISION_SAVED),
    ],
)
def test_the_review_texts_are_in_every_catalogue(language, heading, saved):
    from django.utils import translation

    revision_saved = "Your changes are saved as a revision waiting for review; the published version stays on the site."
    with translation.override(language):
        assert gettext("Waiting for you") == heading
        assert saved in gettext(revision_saved)
