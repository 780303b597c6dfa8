"""Links that last: a listing's old addresses answer 301 to its current one, in every language, forever."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from editorial.admin.slugs import SLUG_HELP_TEXT
from listings.models import SlugRedirect, Status
from routes.tests.factories import make_route
from villages.tests.factories import make_village

from .factories import make_region

pytestmark = pytest.mark.django_db

PREFIXES = ("", "/en", "/ko", "/ru")


def rename(listing, new_slug):
    """What the admin does when an editor changes the slug."""
    old = listing.slug
    listing.slug = new_slug
    listing.save()
    SlugRedirect.objects.remember(listing, old)


def change_form_data(attraction, **changes):
    data = {
        "name_zh_hans": attraction.name_zh_hans,
        "name_en": attraction.name_en,
        "slug": attraction.slug,
        "category": attraction.category,
        "region": attraction.region_id,
        "status": attraction.status,
        "written_in": attraction.written_in,
        "a_level": 0,
        "latitude": attraction.latitude,
        "longitude": attraction.longitude,
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        "facts-TOTAL_FORMS": 0,
        "facts-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def test_a_published_slug_is_fixed_and_its_old_addresses_keep_redirecting(admin_client, client):
    attraction = make_attraction(region=make_region("hunchun"), slug="fangchuan-gate", name_en="Fangchuan Gate")
    SlugRedirect.objects.remember(attraction, "fangchuan-old-gate")  # changed before slugs were fixed
    url = reverse("admin:attractions_attraction_change", args=[attraction.pk])
    form = admin_client.get(url).content.decode()
    assert str(SLUG_HELP_TEXT) in form  # in the admin's language

    response = admin_client.post(url, change_form_data(attraction, slug="fangchuan-national-gate"))
    assert response.status_code == 302
    attraction.refresh_from_db()
    assert attraction.slug == "fangchuan-gate"
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("fangchuan-gate" in m for m in messages)

    response = client.get("/en/attractions/fangchuan-old-gate/")
    assert response.status_code == 301
    assert response["Location"] == "/en/attractions/fangchuan-gate/"


def test_saving_without_changing_the_slug_records_nothing(admin_client):
    attraction = make_attraction(region=make_region("hunchun"))
    url = reverse("admin:attractions_attraction_change", args=[attraction.pk])
    assert admin_client.post(url, change_form_data(attraction, name_en="Renamed")).status_code == 302
    assert not SlugRedirect.objects.exists()


def test_a_draft_that_was_never_published_gets_no_redirect(admin_client):
    attraction = make_attraction(region=make_region("hunchun"), slug="first-try", status=Status.DRAFT)
    url = reverse("admin:attractions_attraction_change", args=[attraction.pk])
    assert admin_client.post(url, change_form_data(attraction, slug="second-try")).status_code == 302
    assert not SlugRedirect.objects.exists()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_old_address_answers_301_in_every_language(client, prefix):
    attraction = make_attraction(slug="old-name")
    rename(attraction, "new-name")
    response = client.get(f"{prefix}/attractions/old-name/?utm_source=brochure")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/attractions/new-name/?utm_source=brochure"
    assert client.get(response["Location"]).status_code == 200


def test_a_chain_of_changes_still_takes_one_redirect(client):
    village = make_village(slug="name-2019")
    rename(village, "name-2022")
    rename(village, "name-2026")
    for old in ("name-2019", "name-2022"):
        response = client.get(f"/ko/villages/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/ko/villages/name-2026/"
    assert client.get("/ko/villages/name-2026/").status_code == 200


def test_going_back_to_an_old_slug_serves_the_page_there(client):
    attraction = make_attraction(slug="first")
    rename(attraction, "second")
    rename(attraction, "first")
    assert client.get("/attractions/first/").status_code == 200
    assert client.get("/attractions/second/")["Location"] == "/attractions/first/"
    assert SlugRedirect.objects.count() == 1


def test_a_route_download_follows_the_route_to_its_new_slug(client):
    route = make_route(slug="old-tour", days=[[make_attraction()]])
    rename(route, "new-tour")
    response = client.get("/en/routes/old-tour/gpx/")
    assert response.status_code == 301
    assert response["Location"] == "/en/routes/new-tour/gpx/"


def test_a_listing_that_is_no_longer_published_is_a_404_at_its_old_address_too(client):
    attraction = make_attraction(slug="closed-old")
    rename(attraction, "closed-new")
    Attraction.objects.filter(pk=attraction.pk).update(status=Status.DRAFT)
    assert client.get("/attractions/closed-old/").status_code == 404


def test_a_slug_taken_by_another_listing_shows_that_listing(client):
    first = make_attraction(slug="shared-name", name_en="First")
    rename(first, "first-elsewhere")
    make_attraction(slug="shared-name", name_en="Second")
    response = client.get("/en/attractions/shared-name/")
    assert response.status_code == 200
    assert "Second" in response.content.decode()


def test_redirects_are_per_kind_of_listing(client):
    attraction = make_attraction(slug="same-slug")
    rename(attraction, "attraction-now")
    assert client.get("/villages/same-slug/").status_code == 404


def test_the_admin_lists_old_addresses(admin_client):
    attraction = make_attraction(slug="before", name_en="After")
    rename(attraction, "after")
    content = admin_client.get(reverse("admin:corridor_portal_slugredirect_changelist")).content.decode()
    assert "before" in content
    assert "/attractions/after/" in content


def test_the_link_preview_follows_the_new_slug_too(client):
    attraction = make_attraction(slug="preview-old")
    rename(attraction, "preview-new")
    response = client.get("/en/preview/attraction/preview-old.jpg")
    assert response.status_code == 301
    assert response["Location"] == "/en/preview/attraction/preview-new.jpg"
