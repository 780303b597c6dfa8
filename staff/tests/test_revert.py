"""Going back to an older version is a change: only those who may change the object, in its county as it is now
and in the county of the version, can do it (issue #22)."""

import pytest
from django.urls import reverse

from attractions.tests.factories import make_attraction
from events.tests.factories import make_event
from listings.models import Status
from listings.tests.factories import make_region

from .factories import make_county_editor, make_province_editor, make_publisher

pytestmark = pytest.mark.django_db


def revert_url(obj, version):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version.history_id])


def posted_form(response):
    """What the form on the page would post back unchanged: every field's current value."""
    data = {}
    for field in response.context["adminform"].form:
        value = field.value()
        if value is not None:
            data[field.html_name] = value
    return data


def renamed(obj, version, client, **changes):
    """Opens the old version's form, then posts it back with `changes`; the response of the post."""
    page = client.get(revert_url(obj, version))
    assert page.status_code == 200
    return client.post(revert_url(obj, version), {**posted_form(page), **changes})


@pytest.fixture
def jian():
    return make_region("jian")


@pytest.fixture
def hunchun():
    return make_region("hunchun")


def test_a_county_editor_cannot_rename_a_county_through_its_history(client, jian):
    client.force_login(make_county_editor(jian))
    response = renamed(jian, jian.history.earliest(), client, name_zh_hans="改名县", name_en="Renamed")
    assert response.status_code == 403
    jian.refresh_from_db()
    assert (jian.name_zh_hans, jian.name_en) == ("集安", "Ji'an")


def test_the_old_version_of_a_county_is_shown_without_a_revert_button(client, jian):
    client.force_login(make_county_editor(jian))
    page = client.get(revert_url(jian, jian.history.earliest()))
    assert page.status_code == 200
    assert page.context["revert_disabled"]
    assert 'name="_save"' not in page.content.decode()


@pytest.mark.parametrize("make_listing", [make_attraction, make_event], ids=["attraction", "event"])
def test_a_publisher_cannot_change_texts_through_the_history(client, hunchun, make_listing):
    listing = make_listing(region=hunchun, name_en="Original", status=Status.PUBLISHED)
    client.force_login(make_publisher())
    response = renamed(listing, listing.history.earliest(), client, name_en="Rewritten by a publisher")
    assert response.status_code == 403
    listing.refresh_from_db()
    assert listing.name_en == "Original"


def test_a_province_editor_still_reverts(client, hunchun):
    listing = make_attraction(region=hunchun, name_en="First", status=Status.DRAFT)
    first = listing.history.earliest()
    listing.name_en = "Second"
    listing.save()
    client.force_login(make_province_editor())
    page = client.get(revert_url(listing, first))
    assert not page.context["revert_disabled"]
    assert client.post(revert_url(listing, first), posted_form(page)).status_code == 302
    listing.refresh_from_db()
    assert listing.name_en == "First"


@pytest.fixture
def moved_to_hunchun(jian, hunchun):
    """An attraction recorded in Ji'an, then moved to Hunchun (and edited there) by a province editor."""
    listing = make_attraction(region=jian, name_en="Border bridge", latitude=41.2, longitude=126.2)
    in_jian = listing.history.latest()
    listing.region = hunchun
    listing.latitude, listing.longitude = 42.87, 130.37
    listing.name_en = "Border bridge (Hunchun's text)"
    listing.save()
    return listing, in_jian


def test_an_old_version_does_not_reopen_a_listing_that_left_the_county(client, jian, hunchun, moved_to_hunchun):
    listing, in_jian = moved_to_hunchun
    client.force_login(make_county_editor(jian))
    assert client.get(revert_url(listing, in_jian)).status_code == 403
    data = {"name_en": "Border bridge", "region": jian.pk, "latitude": 41.2, "longitude": 126.2}
    assert client.post(revert_url(listing, in_jian), data).status_code == 403
    listing.refresh_from_db()
    assert (listing.region, listing.name_en) == (hunchun, "Border bridge (Hunchun's text)")


def test_the_new_countys_editor_cannot_restore_a_version_from_another_county(client, hunchun, moved_to_hunchun):
    listing, in_jian = moved_to_hunchun
    client.force_login(make_county_editor(hunchun))
    assert client.get(revert_url(listing, in_jian)).status_code == 403
    data = {"name_en": "Border bridge", "region": hunchun.pk, "latitude": 42.87, "longitude": 130.37}
    assert client.post(revert_url(listing, in_jian), data).status_code == 403
    listing.refresh_from_db()
    assert listing.name_en == "Border bridge (Hunchun's text)"


def test_the_province_editor_can_move_it_back(client, jian, moved_to_hunchun):
    listing, in_jian = moved_to_hunchun
    client.force_login(make_province_editor())
    page = client.get(revert_url(listing, in_jian))
    assert client.post(revert_url(listing, in_jian), posted_form(page)).status_code == 302
    listing.refresh_from_db()
    assert listing.region == jian


@pytest.mark.parametrize("version_id", ["abc", "99999999", "1.5"])
def test_a_malformed_or_unknown_version_is_not_found(client, hunchun, version_id):
    listing = make_attraction(region=hunchun)
    client.force_login(make_province_editor())
    url = reverse("admin:attractions_attraction_changelist") + f"{listing.pk}/history/{version_id}/"
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("admin:attractions_attraction_changelist") + f"x{listing.pk}/history/1/").status_code == 404
    )
