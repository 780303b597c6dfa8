from django.utils import timezone
from django.utils.translation import ngettext_lazy

from attractions.models import Attraction
from corridor_portal.listing_views import FilteredGeoJSONView, FilteredListView, PublishedDetailView
from corridor_portal.maps import place_map
from corridor_portal.models import Region
from events.models import Event
from routes.models import Route
from staff.preview import StaffPreviewMixin

from .filters import VillageFilterSet
from .models import Village

NEARBY_RADIUS_KM = 30
NEARBY_COUNT = 6


class VillageListView(FilteredListView):
    """Villages narrowed by the visitor's filters, west to east by default."""

    model = Village
    filterset_class = VillageFilterSet
    count_text = ngettext_lazy("%(n)s village", "%(n)s villages", "n")


class VillageDetailView(StaffPreviewMixin, PublishedDetailView):
    model = Village

    def get_context_data(self, **kwargs):
        village = self.object
        return super().get_context_data(
            nearby_attractions=Attraction.objects.published()
            .near(village, NEARBY_RADIUS_KM)
            .select_related("region")[:NEARBY_COUNT],
            nearby_villages=Village.objects.published()
            .near(village, NEARBY_RADIUS_KM)
            .select_related("region")[:NEARBY_COUNT],
            routes=Route.objects.published().stopping_at(village=village),
            map=place_map(village, Region.objects.along_corridor()),
            events_here=Event.objects.published().for_place_page(village, timezone.localdate()),
            today=timezone.localdate(),
            **kwargs,
        )


class VillageGeoJSONView(FilteredGeoJSONView):
    """The filtered list as GeoJSON, for the list page's map."""

    model = Village
    filterset_class = VillageFilterSet
