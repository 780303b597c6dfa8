"""Draft → in review → published → draft, the staff preview of drafts, and tours that cannot be published yet."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from attractions.tests.factories import make_attraction
from listings.models import Status
from listings.tests.factories import make_region
from routes.models import Route, RouteDay
from routes.tests.factories import make_route
from villages.tests.factories import make_village

from .factories import empty_inlines, make_county_editor, make_province_editor

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:attractions_attraction_changelist"


def act(client, action, listing, url_name=CHANGELIST):
    return client.post(reverse(url_name), {"action": action, "_selected_action": [listing.pk]}, follow=True)


def test_each_transition_and_the_first_publication_date(client):
    client.force_login(make_province_editor())
    listing = make_attraction(status=Status.DRAFT)
    act(client, "send_to_review", listing)
    listing.refresh_from_db()
    assert (listing.status, listing.first_published_at) == (Status.IN_REVIEW, None)
    act(client, "publish", listing)
    listing.refresh_from_db()
    first = listing.first_published_at
    assert listing.status == Status.PUBLISHED and first is not None
    act(client, "unpublish", listing)
    listing.refresh_from_db()
    assert listing.status == Status.DRAFT
    act(client, "publish", listing)
    listing.refresh_from_db()
    assert (listing.status, listing.first_published_at) == (Status.PUBLISHED, first)


class TestStaffPreview:
    def test_visitors_never_see_a_draft(self, client):
        draft = make_attraction(status=Status.DRAFT)
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_staff_see_a_draft_with_a_banner_never_cached_nor_indexed(self, client):
        draft = make_attraction(status=Status.IN_REVIEW, name_zh_hans="敬信湿地")
        client.force_login(make_province_editor())
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 200
        page = response.content.decode()
        assert "敬信湿地" in page
        assert gettext("Preview — not published") in page
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]

    def test_a_published_page_has_no_banner_for_staff(self, client):
        listing = make_attraction(status=Status.PUBLISHED)
        client.force_login(make_province_editor())
        response = client.get(listing.get_absolute_url())
        assert gettext("Preview — not published") not in response.content.decode()
        assert "X-Robots-Tag" not in response

    def test_a_county_editor_previews_only_their_counties(self, client):
        hunchun, jian = make_region("hunchun"), make_region("jian")
        own, other = make_village(region=hunchun, status=Status.DRAFT), make_village(region=jian, status=Status.DRAFT)
        client.force_login(make_county_editor(hunchun))
        assert client.get(own.get_absolute_url()).status_code == 200
        assert client.get(other.get_absolute_url()).status_code == 404

    def test_a_county_editor_sees_other_counties_published_pages_as_visitors_do(self, client):
        hunchun, jian = make_region("hunchun"), make_region("jian")
        village = make_village(region=jian, status=Status.PUBLISHED, name_zh_hans="集安村")
        attraction = make_attraction(region=jian, status=Status.PUBLISHED, name_zh_hans="将军坟")
        client.force_login(make_county_editor(hunchun))
        for listing in (village, attraction):
            response = client.get(listing.get_absolute_url())
            assert response.status_code == 200
            assert listing.name_zh_hans in response.content.decode()
            assert gettext("Preview — not published") not in response.content.decode()

    def test_a_draft_tour_is_previewed(self, client):
        route = make_route(days=[[make_attraction()]], status=Status.DRAFT)
        client.force_login(make_province_editor())
        response = client.get(route.get_absolute_url())
        assert response.status_code == 200
        assert gettext("Preview — not published") in response.content.decode()


class TestTourWithAnUnpublishedStop:
    @pytest.fixture
    def tour(self):
        unpublished = make_village(status=Status.DRAFT, name_zh_hans="未发布村")
        return make_route(days=[[make_attraction(), unpublished]], status=Status.IN_REVIEW)

    def test_the_bulk_action_refuses_and_says_why(self, client, tour):
        client.force_login(make_province_editor())
        response = act(client, "publish", tour, "admin:routes_route_changelist")
        tour.refresh_from_db()
        assert tour.status == Status.IN_REVIEW
        messages = [str(m) for m in response.context["messages"]]
        assert any("未发布村" in m for m in messages), messages

    def test_the_form_refuses_and_says_why(self, tour):
        tour.status = Status.PUBLISHED
        problems = tour.publication_problems()
        assert problems and "未发布村" in str(problems[0])
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as error:
            tour.full_clean()
        assert "status" in error.value.message_dict

    def test_once_the_place_is_published_the_tour_can_be(self, client, tour):
        for stop in tour.days.get().stops.all():
            place = stop.place
            place.status = Status.PUBLISHED
            place.save()
        client.force_login(make_province_editor())
        act(client, "publish", tour, "admin:routes_route_changelist")
        tour.refresh_from_db()
        assert tour.status == Status.PUBLISHED


class TestRouteEditing:
    def day_formset(self, route, order):
        """The route's change form with its days in `order` (day ids), as the drag-and-drop leaves it."""
        data = {
            "title_zh_hans": route.title_zh_hans,
            "title_en": route.title_en,
            "slug": route.slug,
            "status": route.status,
            "duration_days": route.duration_days,
            "themes": route.themes,
            "transport": route.transport,
            "start_region": route.start_region_id,
            "end_region": route.end_region_id,
            **empty_inlines(Route, days=len(order)),
        }
        for index, day in enumerate(RouteDay.objects.filter(route=route).order_by("id")):
            data.update(
                {
                    f"days-{index}-id": day.pk,
                    f"days-{index}-route": route.pk,
                    f"days-{index}-title_zh_hans": day.title_zh_hans,
                    f"days-{index}-number": order.index(day.pk) + 1,
                }
            )
        return data

    def test_dragging_swaps_the_days(self, client):
        route = make_route(days=[[make_attraction()], [make_village()]])
        first, second = route.days.order_by("number")
        client.force_login(make_province_editor())
        url = reverse("admin:routes_route_change", args=[route.pk])
        response = client.post(url, self.day_formset(route, [second.pk, first.pk]))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert list(route.days.order_by("number").values_list("pk", flat=True)) == [second.pk, first.pk]

    def test_two_days_with_one_number_is_a_form_error_not_a_500(self, client):
        route = make_route(days=[[make_attraction()], [make_village()]])
        first, second = route.days.order_by("number")
        data = self.day_formset(route, [first.pk, second.pk])
        data["days-1-number"] = data["days-0-number"]
        client.force_login(make_province_editor())
        response = client.post(reverse("admin:routes_route_change", args=[route.pk]), data)
        assert response.status_code == 200
        assert list(route.days.order_by("number").values_list("pk", flat=True)) == [first.pk, second.pk]

    def test_stops_are_picked_in_one_search_over_attractions_and_villages(self, client):
        attraction = make_attraction(name_zh_hans="防川风景区", name_en="Fangchuan Scenic Area")
        village = make_village(name_zh_hans="防川村", name_en="Fangchuan Village")
        route = make_route(days=[[attraction]])
        day = route.days.get()
        client.force_login(make_province_editor())
        found = client.get(reverse("admin:routes_routeday_place_autocomplete"), {"term": "fangchuan"}).json()
        ids = [result["id"] for result in found["results"]]
        assert f"attraction:{attraction.pk}" in ids and f"village:{village.pk}" in ids
        stop = day.stops.get()
        data = {
            **empty_inlines(RouteDay),
            "route": route.pk,
            "number": 1,
            "title_zh_hans": day.title_zh_hans,
            "stops-TOTAL_FORMS": 2,
            "stops-INITIAL_FORMS": 1,
            "stops-0-id": stop.pk,
            "stops-0-day": day.pk,
            "stops-0-place": f"attraction:{attraction.pk}",
            "stops-0-position": 2,
            "stops-1-day": day.pk,
            "stops-1-place": f"village:{village.pk}",
            "stops-1-position": 1,
        }
        response = client.post(reverse("admin:routes_routeday_change", args=[day.pk]), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert [s.place for s in day.stops.order_by("position")] == [village, attraction]

    def test_a_county_editor_cannot_use_the_place_search(self, client):
        client.force_login(make_county_editor(make_region("hunchun")))
        assert client.get(reverse("admin:routes_routeday_place_autocomplete"), {"term": "a"}).status_code == 403
