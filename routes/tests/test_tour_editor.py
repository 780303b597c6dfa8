"""The tour editor: a Border Tour's days and every day's stops edited on the tour's own admin page."""

import pytest
from django.urls import reverse

from attractions.tests.factories import make_attraction
from listings.models import Status
from listings.tests.factories import make_region
from routes.models import RouteDay, RouteStop
from routes.tests.factories import make_route
from staff.tests.factories import make_province_editor
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


def page_data(response):
    """What the tour's change page in `response` sends back unchanged: its fields, its days and its stops."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            data[form.add_prefix(name)] = [str(v) for v in value] if isinstance(value, list | tuple) else value

    def add_formset(formset):
        for form in formset.initial_forms:
            add(form)
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
        data[f"{formset.prefix}-INITIAL_FORMS"] = len(formset.initial_forms)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add_formset(inline.formset)
    add_formset(days_formset(response).tour_stops)
    return data


def days_formset(response):
    return next(
        inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "days"
    )


def stop_prefix(data, stop):
    """The form prefix ("stops-3") of this saved stop in the page's data."""
    return next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.endswith("-id") and key.startswith("stops-") and str(value) == str(stop.pk)
    )


def add_stop(data, place, day_index, order=None, **fields):
    index = data["stops-TOTAL_FORMS"]
    data["stops-TOTAL_FORMS"] = index + 1
    data[f"stops-{index}-day"] = str(day_index)
    data[f"stops-{index}-place"] = f"{place._meta.model_name}:{place.pk}"
    data[f"stops-{index}-position"] = "" if order is None else order
    data.update({f"stops-{index}-{name}": value for name, value in fields.items()})
    return f"stops-{index}"


def places_of(day):
    return [stop.place for stop in day.stops.order_by("position", "id")]


@pytest.fixture
def editor_client(client):
    client.force_login(make_province_editor())
    return client


@pytest.fixture
def tour():
    hunchun = make_region("hunchun")
    first = make_attraction(region=hunchun, name_zh_hans="防川风景区", latitude=42.43, longitude=130.6)
    second = make_attraction(region=hunchun, name_zh_hans="敬信湿地", latitude=42.53, longitude=130.6)
    third = make_village(region=hunchun, name_zh_hans="大荒沟村", latitude=42.9, longitude=130.3)
    return make_route(days=[[first, second], [third]], start_region=hunchun, end_region=hunchun)


def change_url(route):
    return reverse("admin:routes_route_change", args=[route.pk])


def test_the_tour_page_shows_every_day_with_its_stops_and_its_straight_line_distance(editor_client, tour):
    approximate = make_village(name_zh_hans="位置大概的村", position_is_approximate=True)
    RouteStop.objects.create(day=tour.days.get(number=2), position=5, village=approximate)
    page = editor_client.get(change_url(tour))
    html = page.content.decode()
    assert page.status_code == 200
    # Day 1: two exact positions 0.1° of latitude apart, about 11.1 km in a straight line.
    assert "直线距离：11.1公里" in html
    # Day 2: a stop whose position is only approximate cannot be measured.
    assert "位置为大致位置，无法计算" in html
    days = days_formset(page)
    assert [row.place.name_zh_hans for row in days.forms[0].tour_stops if row.place] == ["防川风景区", "敬信湿地"]
    assert [row.place.name_zh_hans for row in days.forms[1].tour_stops if row.place] == ["大荒沟村", "位置大概的村"]
    # No detour through another page for a day's stops.
    for day in tour.days.all():
        assert reverse("admin:routes_routeday_change", args=[day.pk]) not in html


def test_a_stop_moved_to_another_day_is_saved_there_in_the_order_given(editor_client, tour):
    day_one, day_two = tour.days.order_by("number")
    moved = day_one.stops.get(attraction__name_zh_hans="敬信湿地")
    data = page_data(editor_client.get(change_url(tour)))
    prefix = stop_prefix(data, moved)
    data[f"{prefix}-day"] = "1"
    data[f"{prefix}-position"] = "0"  # before the day's first stop
    response = editor_client.post(change_url(tour), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [place.name_zh_hans for place in places_of(day_one)] == ["防川风景区"]
    assert [place.name_zh_hans for place in places_of(day_two)] == ["敬信湿地", "大荒沟村"]


def test_a_new_day_and_its_stops_are_saved_in_one_go(editor_client, tour):
    data = page_data(editor_client.get(change_url(tour)))
    data.update({"days-TOTAL_FORMS": 3, "days-2-title_zh_hans": "图们江畔", "days-2-number": 3})
    river = make_attraction(name_zh_hans="图们江广场")
    bridge = make_attraction(name_zh_hans="图们口岸")
    add_stop(data, bridge, 2)  # no order given: after the ones that have one
    add_stop(data, river, 2, order=1, note_zh_hans="江边散步")
    response = editor_client.post(change_url(tour), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    new_day = tour.days.get(number=3)
    assert new_day.title_zh_hans == "图们江畔"
    assert places_of(new_day) == [river, bridge]
    assert new_day.stops.get(attraction=river).note_zh_hans == "江边散步"


def test_a_failed_save_keeps_everything_typed_and_says_what_is_wrong_at_the_stop(editor_client, tour):
    data = page_data(editor_client.get(change_url(tour)))
    data["title_zh_hans"] = "改了的标题"
    river = make_attraction(name_zh_hans="图们江广场")
    prefix = add_stop(data, river, 1, order=2, note_zh_hans="江边散步两小时", suggested_minutes=99999)
    response = editor_client.post(change_url(tour), data)
    assert response.status_code == 200
    html = response.content.decode()
    stop_form = next(row.form for row in days_formset(response).forms[1].tour_stops if row.form.prefix == prefix)
    assert "suggested_minutes" in stop_form.errors
    # Everything typed is on the page again, under the day it was given.
    assert "江边散步两小时" in html and "改了的标题" in html and "图们江广场" in html
    tour.refresh_from_db()
    assert tour.title_zh_hans != "改了的标题"
    assert not RouteStop.objects.filter(attraction=river).exists()


def test_a_day_or_a_stop_of_another_tour_is_refused(editor_client, tour):
    other = make_route(days=[[make_attraction()]])
    other_stop = RouteStop.objects.get(day__route=other)
    data = page_data(editor_client.get(change_url(tour)))
    moved = tour.days.get(number=1).stops.first()
    data[f"{stop_prefix(data, moved)}-day"] = str(other.days.get().pk)
    response = editor_client.post(change_url(tour), data)
    assert response.status_code == 200
    assert "选择这条边境旅游线路中的一天" in response.content.decode()
    assert RouteStop.objects.get(pk=moved.pk).day.route == tour

    data = page_data(editor_client.get(change_url(tour)))
    data[f"{stop_prefix(data, moved)}-id"] = other_stop.pk
    response = editor_client.post(change_url(tour), data)
    assert response.status_code == 200
    assert "不属于这条边境旅游线路" in response.content.decode()
    assert RouteStop.objects.get(pk=other_stop.pk).day.route == other


def test_a_day_is_removed_after_its_stop_moved_out_of_it(editor_client, tour):
    day_one, day_two = tour.days.order_by("number")
    kept = day_one.stops.get(attraction__name_zh_hans="防川风景区")
    data = page_data(editor_client.get(change_url(tour)))
    data["days-0-DELETE"] = "on"
    data["days-1-number"] = 1
    data[f"{stop_prefix(data, kept)}-day"] = "1"
    data[f"{stop_prefix(data, kept)}-position"] = "2"
    response = editor_client.post(change_url(tour), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(tour.days.values_list("pk", flat=True)) == [day_two.pk]
    assert [place.name_zh_hans for place in places_of(day_two)] == ["大荒沟村", "防川风景区"]
    assert not RouteDay.objects.filter(pk=day_one.pk).exists()
    assert RouteStop.objects.filter(day__route=tour).count() == 2  # 敬信湿地 went with its day


def test_a_published_tour_refuses_a_new_stop_at_an_unpublished_place(editor_client, tour):
    draft = make_attraction(name_zh_hans="还没发布的景点", status=Status.DRAFT)
    data = page_data(editor_client.get(change_url(tour)))
    add_stop(data, draft, 0)
    response = editor_client.post(change_url(tour), data)
    assert response.status_code == 200
    assert "这个地点还没有发布" in response.content.decode()
    assert not RouteStop.objects.filter(attraction=draft).exists()


def test_stops_are_shown_from_1_and_a_stop_numbered_1_goes_first(editor_client, tour):
    # The factory stores each day's stops from 0, as older tours are: the page shows 1, 2.
    day_one, day_two = tour.days.order_by("number")
    page = editor_client.get(change_url(tour))
    data = page_data(page)
    shown = [data[f"{stop_prefix(data, stop)}-position"] for stop in day_one.stops.order_by("position")]
    assert shown == [1, 2]
    moved = day_two.stops.get()
    prefix = stop_prefix(data, moved)
    data[f"{prefix}-day"] = "0"
    data[f"{prefix}-position"] = "1"
    response = editor_client.post(change_url(tour), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [place.name_zh_hans for place in places_of(day_one)] == ["大荒沟村", "防川风景区", "敬信湿地"]
    assert list(day_one.stops.order_by("position").values_list("position", flat=True)) == [1, 2, 3]
