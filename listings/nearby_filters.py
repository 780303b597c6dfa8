"""The nearby filter of the lists of places: `?near=<slug>&radius=<km>`, composed into their filter sets."""

import django_filters
from django.db.models import Q
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .cachetags import list_tags
from .filters import Chip, ConditionFilter
from .geometry import distance_km_expression
from .kinds import place_models
from .models import Status

NEARBY_RADII_KM = (5, 10, 30, 50, 100)
DEFAULT_NEARBY_RADIUS_KM = 30
MAX_NEARBY_RADIUS_KM = 500


class NearFilter(ConditionFilter, django_filters.CharFilter):
    """`near=<slug>`: within the filter set's radius of the place, or in its county when its position is a stand-in."""

    def condition(self, slug):
        place = self.parent.near_place()
        if place is None:
            return None
        if place.position_is_approximate:
            condition = Q(region_id=place.region_id)
        else:
            distance = distance_km_expression(place.latitude, place.longitude)
            condition = Q(position_is_approximate=False) & Q(LessThanOrEqual(distance, self.parent.radius_km()))
        if isinstance(place, self.parent.queryset.model):
            condition &= ~Q(pk=place.pk)
        return condition


class NearbyFilterMixin(django_filters.FilterSet):
    """`?near=<slug>&radius=<km>`: what lies within `radius` km of a published place, nearest first.

    The place is any published place of the kinds of place (place_models()); the distance is computed in SQL, only
    between known positions. A place whose position is a stand-in (its county seat) gives no distance: `near` it is
    then what lies in its county, in the list's usual order, and a stand-in is never within a distance of anything.
    """

    near = NearFilter(label=_("Near"), max_length=100)
    # Part of `near`, not a filter of its own.
    radius = django_filters.NumberFilter(label=_("Within (km)"), min_value=0.1, max_value=MAX_NEARBY_RADIUS_KM)

    without_chips = ("sort", "near", "radius")

    def near_place(self):
        """The published place named by `near`, or None (then the filter is left out with a notice)."""
        if not hasattr(self, "_near_place"):
            slug = self.form.cleaned_data.get("near") if self.is_bound else None
            place = None
            if slug:
                for model in place_models():
                    place = model.objects.filter(slug=slug, status=Status.PUBLISHED).select_related("region").first()
                    if place:
                        break
            self._near_place = place
        return self._near_place

    def nearby_form(self):
        place = self.near_place()
        if place is None:
            return {}
        if place.position_is_approximate:
            return {"place": place, "slug": place.slug, "in_county": place.region}
        radii = sorted({*NEARBY_RADII_KM, self.radius_km()})
        return {"place": place, "slug": place.slug, "radius": self.radius_km(), "radii": radii}

    def count_tags(self):
        tags = super().count_tags()
        return [*tags, *list_tags(place_models())] if self.cleaned_data.get("near") else tags

    def radius_km(self):
        return float(self.cleaned_data.get("radius") or DEFAULT_NEARBY_RADIUS_KM)

    def filter_queryset(self, queryset):
        place = self.near_place()
        if place is None or place.position_is_approximate:
            return super().filter_queryset(queryset)
        queryset = queryset.with_distance_from(place.latitude, place.longitude)
        results = super().filter_queryset(queryset)
        if not self.cleaned_data.get("sort") and not self.cleaned_data.get("q"):
            results = results.order_by("distance_km", "slug")
        return results

    def chips(self):
        chips = super().chips()
        place = self.near_place()
        if place and place.position_is_approximate:
            label = gettext("In the county of %(place)s (%(county)s): its exact position is not known") % {
                "place": place.name,
                "county": place.region.name,
            }
            chips.insert(0, Chip(label, self.url_without("near", remove_also=("radius",))))
        elif place:
            label = gettext("Within %(km)s km of %(place)s") % {"km": f"{self.radius_km():g}", "place": place.name}
            chips.insert(0, Chip(label, self.url_without("near", remove_also=("radius",))))
        return chips

    def problems(self):
        messages = super().problems()
        if self.cleaned_data.get("near") and self.near_place() is None:
            messages.append(
                gettext("%(filter)s: %(values)s is not known and was left out.")
                % {"filter": self.filters["near"].label, "values": f"“{self.cleaned_data['near']}”"}
            )
        return messages
