"""Every change records who, when and what; the admin shows it and can go back to an older version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attractions.models import Attraction
from attractions.tests.factories import make_attraction, make_attraction_photo
from listings.models import Region, Status
from listings.tests.factories import make_region
from routes.models import RouteStop
from routes.tests.factories import make_route
from villages.tests.factories import make_village

from .factories import make_county_editor, make_province_editor
from .test_roles import attraction_form

pytestmark = pytest.mark.django_db


def test_an_admin_edit_records_who_when_and_what(client):
    editor = make_province_editor(username="wang")
    listing = make_attraction(name_en="Old name", status=Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:attractions_attraction_change", args=[listing.pk])
    response = client.post(url, attraction_form(listing, name_en="New name"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = listing.history.latest()
    assert latest.history_user == editor
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    # Texts that were never written (NULL) and are now saved empty are not a change worth showing.
    changes = [(c.field, c.old, c.new) for c in delta.changes if (c.old or "") != (c.new or "")]
    assert changes == [("name_en", "Old name", "New name")]


def test_photos_routes_days_stops_regions_and_villages_are_recorded():
    attraction = make_attraction()
    route = make_route(days=[[attraction, make_village()]])
    assert route.history.count() == 1
    assert route.days.get().history.count() == 1
    assert RouteStop.history.filter(day__route=route).count() == 2
    assert make_region("tumen").history.count() == 1
    assert Region.history.model.objects.filter(slug="tumen").exists()


def test_photo_history(tiny_jpeg):
    photo = make_attraction_photo(make_attraction(), tiny_jpeg)
    photo.caption_en = "At dusk"
    photo.save()
    assert photo.history.count() == 2


def test_the_history_page_shows_the_change_and_its_author(client):
    editor = make_province_editor(username="li.editor")
    listing = make_attraction(name_en="Old name")
    client.force_login(editor)
    client.post(
        reverse("admin:attractions_attraction_change", args=[listing.pk]), attraction_form(listing, name_en="New")
    )
    page = client.get(reverse("admin:attractions_attraction_history", args=[listing.pk])).content.decode()
    assert "li.editor" in page and "Old name" in page and "New" in page


def test_reverting_to_an_older_version(client):
    editor = make_province_editor()
    listing = make_attraction(name_en="First", status=Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:attractions_attraction_change", args=[listing.pk])
    client.post(url, attraction_form(listing, name_en="Second"))
    first = listing.history.earliest()
    revert_url = reverse("admin:attractions_attraction_simple_history", args=[listing.pk, first.history_id])
    form = client.get(revert_url).context["adminform"].form
    assert form.initial["name_en"] == "First"
    assert client.post(revert_url, attraction_form(first.instance)).status_code == 302
    listing.refresh_from_db()
    assert listing.name_en == "First"
    assert listing.history.latest().history_user == editor


def test_reverting_does_not_let_a_county_editor_publish(client):
    hunchun = make_region("hunchun")
    listing = make_attraction(region=hunchun, status=Status.PUBLISHED)
    listing.status = Status.DRAFT
    listing.save()  # unpublished by a publisher
    published_version = listing.history.filter(status=Status.PUBLISHED).latest()
    client.force_login(make_county_editor(hunchun))
    url = reverse("admin:attractions_attraction_simple_history", args=[listing.pk, published_version.history_id])
    client.post(url, attraction_form(published_version.instance, status="draft"))
    listing.refresh_from_db()
    assert listing.status == Status.DRAFT


def test_the_list_shows_who_changed_each_listing_last(client):
    editor = make_province_editor(username="zhao")
    listing = make_attraction()
    client.force_login(editor)
    client.post(reverse("admin:attractions_attraction_change", args=[listing.pk]), attraction_form(listing))
    page = client.get(reverse("admin:attractions_attraction_changelist")).content.decode()
    assert "zhao" in page


@pytest.mark.parametrize(
    "url_name",
    ["admin:attractions_attraction_changelist", "admin:villages_village_changelist", "admin:routes_route_changelist"],
)
def test_changelists_with_history_columns_cost_a_fixed_number_of_queries(client, url_name, tiny_jpeg):
    client.force_login(make_province_editor())
    make_route(days=[[make_attraction(), make_village()]])
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url_name)).status_code == 200
    for _ in range(15):
        make_route(days=[[make_attraction(), make_village()]])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(url_name))
    assert len(many) == len(few)
    assert len(many) <= 12, [q["sql"][:120] for q in many.captured_queries]


def test_the_attraction_changelist_query_count_is_pinned(client, django_assert_num_queries):
    client.force_login(make_province_editor())
    for _ in range(10):
        make_attraction()
    # session, user, the user's groups, permissions, 2 counts, the page of listings with their last editor
    # (one subquery), their photos, the county filter's choices…: the same 10 for 10 rows as for 1000.
    with django_assert_num_queries(PINNED_ATTRACTION_CHANGELIST_QUERIES):
        client.get(reverse("admin:attractions_attraction_changelist"))
    assert Attraction.objects.count() == 10


PINNED_ATTRACTION_CHANGELIST_QUERIES = 10
