"""The map picker beside a place's typed position: drawn from data- attributes, and the typed fields save alone."""

import html
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from listings.geometry import JILIN_LATITUDE_RANGE, JILIN_LONGITUDE_RANGE
from listings.tests.factories import make_region
from ports.tests.factories import make_port
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


def picker_attributes(page):
    """The data- attributes of the picker in an admin page, unescaped: {name: value}."""
    match = re.search(r'<div class="position-picker"([^>]*)>', page)
    assert match, "no map picker on the page"
    return {name: html.unescape(value) for name, value in re.findall(r'data-([\w-]+)="([^"]*)"', match.group(1))}


@pytest.mark.parametrize(
    ("url_name", "factory"),
    [
        ("admin:attractions_attraction_change", make_attraction),
        ("admin:villages_village_change", make_village),
        ("admin:ports_portofentry_change", make_port),
    ],
)
def test_a_place_form_has_the_map_picker_beside_its_position(admin_client, url_name, factory):
    hunchun = make_region("hunchun")
    place = factory(region=hunchun, latitude=42.8625, longitude=130.3653, position_is_approximate=True)
    page = admin_client.get(reverse(url_name, args=[place.pk])).content.decode()

    data = picker_attributes(page)
    assert data["map-tiles"] == settings.MAP_TILE_URL
    assert data["map-attribution"] == settings.MAP_TILE_ATTRIBUTION
    (south, north), (west, east) = JILIN_LATITUDE_RANGE, JILIN_LONGITUDE_RANGE
    assert json.loads(data["bounds"]) == [[south, west], [north, east]]
    assert {"id": hunchun.pk, "name": "珲春", "lat": hunchun.latitude, "lon": hunchun.longitude} in json.loads(
        data["counties"]
    )
    assert (data["latitude"], data["longitude"], data["approximate"]) == ("42.8625", "130.3653", "true")
    assert data["county"] == str(hunchun.pk)
    assert (data["latitude-input"], data["longitude-input"]) == ("id_latitude", "id_longitude")
    # In the Position fieldset, just before the typed fields (it stands beside them); Leaflet and the script load.
    picker = page.index('class="position-picker"')
    fieldset = page[page.rindex("<fieldset", 0, picker) : page.index("</fieldset>", picker)]
    assert 'name="latitude"' in fieldset and 'name="longitude"' in fieldset
    assert picker < page.index('name="latitude"')
    assert "在地图上的位置" in page
    assert "表单不会保存" in page  # the note for a position outside the corridor, shown by the script
    assert "vendor/leaflet-1.9.4/leaflet.js" in page and "js/admin-map-picker.js" in page
    # No inline script or style (CSP).
    assert 'style="' not in page[page.index('class="position-picker"') :][:2000]


def test_the_add_form_has_the_picker_too(admin_client):
    make_region("hunchun")
    page = admin_client.get(reverse("admin:attractions_attraction_add")).content.decode()
    data = picker_attributes(page)
    assert (data["latitude"], data["longitude"], data["county"]) == ("", "", "")


def test_admins_without_a_position_have_no_picker(admin_client):
    assert "position-picker" not in admin_client.get(reverse("admin:ports_bordernote_add")).content.decode()
    # Nor does a changelist load Leaflet.
    make_attraction()
    changelist = admin_client.get(reverse("admin:attractions_attraction_changelist")).content.decode()
    assert "leaflet" not in changelist


def attraction_form(region, **changes):
    return {
        "name_zh_hans": "敬信湿地",
        "name_en": "Jingxin Wetland",
        "slug": "jingxin-wetland",
        "category": "natural",
        "region": region.pk,
        "status": "draft",
        "a_level": 0,
        "latitude": "42.5",
        "longitude": "130.6",
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        **changes,
    }


def test_typed_coordinates_are_saved_without_the_map(admin_client):
    """What a browser without JavaScript sends: the typed fields only, nothing of the map."""
    region = make_region("hunchun")
    response = admin_client.post(
        reverse("admin:attractions_attraction_add"),
        attraction_form(region, latitude="42.437512", longitude="130.588123", position_is_approximate="on"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Attraction.objects.get(slug="jingxin-wetland")
    assert (saved.latitude, saved.longitude, saved.position_is_approximate) == (42.437512, 130.588123, True)


def test_a_forged_position_map_field_changes_nothing(admin_client):
    region = make_region("hunchun")
    response = admin_client.post(
        reverse("admin:attractions_attraction_add"), attraction_form(region, position_map="<script>x</script>")
    )
    assert response.status_code == 302
    saved = Attraction.objects.get(slug="jingxin-wetland")
    assert (saved.latitude, saved.longitude) == (42.5, 130.6)


def test_swapped_coordinates_are_still_refused_with_the_picker_on_the_page(admin_client):
    region = make_region("hunchun")
    response = admin_client.post(
        reverse("admin:attractions_attraction_add"), attraction_form(region, latitude="130.6", longitude="42.5")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "纬度和经度" in page or "look swapped" in page
    assert "position-picker" in page
    assert not Attraction.objects.filter(slug="jingxin-wetland").exists()
