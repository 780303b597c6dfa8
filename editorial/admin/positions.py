"""A place's position picked on a map, beside its typed latitude and longitude.

The map is a read-only row of the form (`position_map`) holding only data- attributes: static/js/admin-map-picker.js
draws a Leaflet map in it (the site's tiles, the corridor's bounds, the county) and keeps the marker and the typed
fields in step. Without JavaScript the row stays hidden (static/css/admin.css) and the typed fields work alone;
the model's checks of the position (swapped latitude and longitude, outside the corridor) apply either way.
"""

import json

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from listings.geometry import JILIN_LATITUDE_RANGE, JILIN_LONGITUDE_RANGE
from listings.models import Region

POSITION_FIELDS = ("latitude", "longitude")
# Six decimals of a degree are about 0.1 m: finer than any source gives, coarse enough to read.
PICKED_DECIMALS = 6


def corridor_bounds():
    """[[south, west], [north, east]] of the corridor, as Leaflet takes bounds."""
    (south, north), (west, east) = JILIN_LATITUDE_RANGE, JILIN_LONGITUDE_RANGE
    return [[south, west], [north, east]]


def counties_for_map():
    """Every county along the road, in its order, with its centre: the map draws the road through them and rings
    the county chosen in the form."""
    return [
        {"id": county.pk, "name": str(county), "lat": county.latitude, "lon": county.longitude}
        for county in Region.objects.along_corridor().only("pk", "name", "latitude", "longitude")
    ]


class PositionPickerAdmin:
    """Puts the map picker in the fieldset holding `latitude` and `longitude`, for every model that has both; other
    models' admins (notes, tours) are left alone."""

    position_map_field = "position_map"

    def has_position_picker(self):
        names = {field.name for field in self.model._meta.get_fields()}
        return all(name in names for name in POSITION_FIELDS)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.has_position_picker() and self.position_map_field not in fields:
            fields.append(self.position_map_field)
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.has_position_picker():
            return fieldsets
        return [(name, self._with_position_map(options)) for name, options in fieldsets]

    def _with_position_map(self, options):
        """The fieldset's options with the map row first among the position's rows (latitude, longitude and the
        approximate flag): on a laptop's screen it stands beside them (static/css/admin.css)."""
        lines = list(options.get("fields", ()))
        flat = [line if isinstance(line, (list, tuple)) else (line,) for line in lines]
        if self.position_map_field in (name for line in flat for name in line):
            return options
        if not all(any(name in line for line in flat) for name in POSITION_FIELDS):
            return options
        position_rows = [
            index
            for index, line in enumerate(flat)
            if any(name in (*POSITION_FIELDS, "position_is_approximate") for name in line)
        ]
        lines.insert(position_rows[0], self.position_map_field)
        return {**options, "fields": lines}

    @admin.display(description=_("position on the map"))
    def position_map(self, obj):
        """The picker's placeholder: what the script needs, as data- attributes (no inline script: CSP)."""
        return format_html(
            '<div class="position-picker" data-map-tiles="{tiles}" data-map-attribution="{attribution}" '
            'data-bounds="{bounds}" data-counties="{counties}" data-decimals="{decimals}" '
            'data-latitude="{latitude}" data-longitude="{longitude}" data-approximate="{approximate}" '
            'data-county="{county}" data-latitude-input="id_latitude" data-longitude-input="id_longitude" '
            'data-approximate-input="id_position_is_approximate" data-county-input="id_region">'
            '<p class="position-picker-help">{help}</p>'
            '<p class="position-picker-approximate-note" hidden>{approximate_note}</p>'
            '<p class="position-picker-outside" hidden>{outside}</p>'
            '<p class="position-picker-no-tiles" hidden>{no_tiles}</p>'
            "</div>",
            tiles=settings.MAP_TILE_URL,
            attribution=settings.MAP_TILE_ATTRIBUTION,
            bounds=json.dumps(corridor_bounds()),
            counties=json.dumps(counties_for_map(), ensure_ascii=False),
            decimals=PICKED_DECIMALS,
            latitude="" if getattr(obj, "latitude", None) is None else obj.latitude,
            longitude="" if getattr(obj, "longitude", None) is None else obj.longitude,
            approximate="true" if getattr(obj, "position_is_approximate", False) else "false",
            county=getattr(obj, "region_id", None) or "",
            help=_(
                "Click the map or drag the marker to set the position; typing the latitude and longitude moves "
                "the marker. The dashed box is the corridor’s border area, the dashed ring the chosen county."
            ),
            approximate_note=_(
                "Approximate position: drawn as a dashed ring, and no distance (“what is near”) is computed from it."
            ),
            outside=_(
                "This position is outside the corridor’s border area (the dashed box), and the form will not "
                "save it: check the coordinates (are latitude and longitude swapped?)."
            ),
            no_tiles=_("The map’s background could not be loaded; the position can still be typed or clicked."),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.has_position_picker():
            # Only the change form loads Leaflet, not the changelist.
            context["media"] = context["media"] + forms.Media(
                js=["vendor/leaflet-1.9.4/leaflet.js", "js/admin-map-picker.js"],
                css={"all": ["vendor/leaflet-1.9.4/leaflet.css"]},
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
