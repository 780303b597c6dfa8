"""Places to stay in the admin: a county editor works only in their counties, and bad input is a form error."""

import pytest
from django.urls import reverse

from listings.models import Status
from listings.tests.factories import make_region
from staff.tests.factories import empty_inlines, make_county_editor, make_province_editor
from stays.models import Stay
from stays.tests.factories import make_stay
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


def stay_form(stay, **changes):
    """The change form of a place to stay as the admin would post it back."""
    data = {
        "name_zh_hans": stay.name_zh_hans,
        "name_en": stay.name_en or "",
        "slug": stay.slug,
        "kind": stay.kind,
        "region": stay.region_id,
        "village": stay.village_id or "",
        "status": stay.status,
        "written_in": stay.written_in,
        "beds": "" if stay.beds is None else stay.beds,
        "rooms": "" if stay.rooms is None else stay.rooms,
        "winter_opening": stay.winter_opening,
        "phone": stay.phone,
        "booking_url": stay.booking_url,
        "latitude": stay.latitude,
        "longitude": stay.longitude,
        **empty_inlines(Stay),
    }
    data.update(changes)
    return data


@pytest.fixture
def counties():
    return make_region("hunchun"), make_region("helong")


@pytest.fixture
def stays(counties):
    hunchun, helong = counties
    return {
        "hunchun": make_stay(
            region=hunchun, name_zh_hans="防川民宿", name_en="Fangchuan Homestay", status=Status.DRAFT
        ),
        "helong": make_stay(region=helong, name_zh_hans="南茂酒店", name_en="Nanmao Hotel", status=Status.DRAFT),
        "helong_village": make_village(region=helong, slug="nanping-village", name_zh_hans="南坪村"),
    }


@pytest.fixture
def hunchun_editor(client, counties):
    client.force_login(make_county_editor(counties[0]))
    return client


def change_url(stay):
    return reverse("admin:stays_stay_change", args=[stay.pk])


def test_a_county_editor_sees_only_their_countys_stays(hunchun_editor, stays):
    page = hunchun_editor.get(reverse("admin:stays_stay_changelist")).content.decode()
    assert "防川民宿" in page and "南茂酒店" not in page
    assert hunchun_editor.get(change_url(stays["helong"])).status_code == 403


def test_a_county_editor_edits_their_own_and_sends_it_to_review(hunchun_editor, stays):
    own = stays["hunchun"]
    response = hunchun_editor.post(change_url(own), stay_form(own, beds="12", status="review", languages_spoken=["ko"]))
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.beds, own.status, own.languages_spoken) == (12, Status.IN_REVIEW, ["ko"])
    # The change is in its history, with who made it and the texts in every language.
    latest = own.history.latest()
    assert (latest.history_user.groups.get().name, latest.beds, latest.name_zh_hans) == (
        "县级编辑 County editors",
        12,
        "防川民宿",
    )


def test_a_forged_county_in_the_post_is_refused(hunchun_editor, stays, counties):
    own = stays["hunchun"]
    response = hunchun_editor.post(change_url(own), stay_form(own, region=counties[1].pk, latitude=42.5, longitude=129))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["region"]
    own.refresh_from_db()
    assert own.region == counties[0]


def test_a_forged_post_to_another_countys_stay_changes_nothing(hunchun_editor, stays):
    theirs = stays["helong"]
    assert hunchun_editor.post(change_url(theirs), stay_form(theirs, name_zh_hans="改名")).status_code == 403
    theirs.refresh_from_db()
    assert theirs.name_zh_hans == "南茂酒店"


def test_a_village_of_another_county_is_refused(client, stays):
    client.force_login(make_province_editor())
    own = stays["hunchun"]
    response = client.post(change_url(own), stay_form(own, village=stays["helong_village"].pk))
    assert response.status_code == 200
    assert "南坪村位于和龙，不在为该住宿选择的县市。" in str(response.context["adminform"].form.errors["village"])
    own.refresh_from_db()
    assert own.village is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("beds", "abc"),
        ("beds", "99999999999999999999"),
        ("beds", "-3"),
        ("phone", "call me"),
        ("phone", "0433\x005123456"),
        ("booking_url", "javascript:alert(1)"),
        ("winter_opening", "sometimes"),
        ("languages_spoken", "klingon"),
        ("kind", "palace"),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_saved_is_lost(client, stays, field, value):
    client.force_login(make_province_editor())
    own = stays["hunchun"]
    response = client.post(change_url(own), stay_form(own, name_en="Changed", **{field: value}))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.name_en == "Fangchuan Homestay"


def test_no_language_ticked_is_saved_as_not_known(client, stays):
    client.force_login(make_province_editor())
    own = stays["hunchun"]
    assert client.post(change_url(own), stay_form(own)).status_code == 302
    own.refresh_from_db()
    assert own.languages_spoken is None


def test_the_add_form_opens_with_the_map_picker(client, counties):
    client.force_login(make_province_editor())
    page = client.get(reverse("admin:stays_stay_add")).content.decode()
    assert "position-picker" in page
    assert 'name="languages_spoken"' in page
