"""Mistakes an editor makes get a message saying what to fix, in the editor's language."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from villages.models import Festival, Village
from villages.tests.factories import make_village

from .factories import empty_inlines, make_province_editor

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_a_position_outside_the_border_area_says_where_it_should_be():
    attraction = make_attraction()
    attraction.latitude, attraction.longitude = 45.75, 126.63  # Harbin: in the north-east, not on the G331
    with translation.override("en"):
        errors = errors_of(attraction)
    assert "outside Jilin's border area" in errors["latitude"][0]
    assert "40.8–43.6° N" in errors["latitude"][0]


def test_swapped_latitude_and_longitude_are_recognised():
    attraction = make_attraction()
    attraction.latitude, attraction.longitude = 130.5, 42.5
    with translation.override("en"):
        errors = errors_of(attraction)
    assert "swapped" in " ".join(errors["latitude"])


def test_a_duplicate_name_in_the_same_county_names_the_existing_listing():
    hunchun = make_region("hunchun")
    make_attraction(region=hunchun, name_zh_hans="防川", slug="fangchuan")
    second = make_attraction(region=make_region("jian"), name_zh_hans="防川", slug="fangchuan-2")
    second.full_clean()  # another county: fine
    second.region = hunchun
    with translation.override("en"):
        message = errors_of(second)["name_zh_hans"][0]
    assert "fangchuan" in message and "already has a listing" in message


def test_a_negative_price_says_what_to_enter():
    attraction = make_attraction(ticket_price=10)
    attraction.ticket_price = -5
    with translation.override("en"):
        assert "enter 0 when it is free" in errors_of(attraction)["ticket_price"][0]
    route = make_route()
    route.price_from = -1
    with translation.override("en"):
        assert "cannot be negative" in errors_of(route)["price_from"][0]


def test_a_festival_month_out_of_range_says_which_months_exist():
    festival = Festival(village=make_village(), name_zh_hans="节", month=13)
    with translation.override("en"):
        assert "1 (January) to 12 (December)" in " ".join(errors_of(festival)["month"])


def test_the_admin_shows_these_messages_in_chinese(client):
    """The admin is in Chinese for staff: the form shows the translated message, never a 500."""
    client.force_login(make_province_editor())
    region = make_region("hunchun")
    response = client.post(
        reverse("admin:attractions_attraction_add"),
        {
            "name_zh_hans": "错位",
            "slug": "misplaced",
            "category": "natural",
            "region": region.pk,
            "status": "draft",
            "a_level": 0,
            "latitude": "45.75",
            "longitude": "126.63",
            "ticket_price": "-3",
            **empty_inlines(Attraction),
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    with translation.override("zh-hans"):
        from django.utils.translation import gettext

        expected_price = gettext("A price cannot be negative: enter 0 when it is free, or leave it empty when unknown.")
    assert form.errors["ticket_price"] == [expected_price]
    assert "latitude" in form.errors


def test_the_admin_libraries_texts_are_in_chinese_too(client):
    """Texts of Django's admin and django-import-export that their own catalogues leave in English."""
    client.force_login(make_province_editor())
    index = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Model name" not in index and "Change or view list link" not in index
    assert "栏目名称" in index and "修改或查看列表链接" in index
    export = client.get(reverse("admin:attractions_attraction_export"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "全选" in export.content.decode()


def test_the_festival_inline_refuses_month_13_with_the_message(client):
    client.force_login(make_province_editor())
    village = make_village()
    data = {
        "name_zh_hans": village.name_zh_hans,
        "slug": village.slug,
        "region": village.region_id,
        "status": village.status,
        "culture": village.culture,
        "latitude": village.latitude,
        "longitude": village.longitude,
        **empty_inlines(Village),
        "festivals-TOTAL_FORMS": 1,
        "festivals-0-name_zh_hans": "稻田节",
        "festivals-0-month": 13,
    }
    response = client.post(reverse("admin:villages_village_change", args=[village.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    from django.utils.translation import gettext

    assert gettext("The month of a festival is 1 (January) to 12 (December): choose the month it is held in.") in page
    assert not Festival.objects.exists()
