from django.utils import timezone
from django.utils.translation import ngettext_lazy

from corridor_portal.listing_views import FilteredGeoJSONView, FilteredListView, PublishedDetailView
from corridor_portal.maps import place_map
from corridor_portal.models import Region
from events.models import Event
from routes.models import Route
from staff.preview import StaffPreviewMixin
from villages.models import Village

from .filters import AttractionFilterSet
from .models import Attraction

NEARBY_RADIUS_KM = 30
NEARBY_COUNT = 6


class AttractionListView(FilteredListView):
    """Attractions narrowed by the visitor's filters, west to east by default."""

    model = Attraction
    filterset_class = AttractionFilterSet
    count_text = ngettext_lazy("%(n)s attraction", "%(n)s attractions", "n")


class AttractionDetailView(StaffPreviewMixin, PublishedDetailView):
    model = Attraction

    def get_context_data(self, **kwargs):
        attraction = self.object
        return super().get_context_data(
            nearby_attractions=Attraction.objects.published()
            .near(attraction, NEARBY_RADIUS_KM)
            .select_related("region")[:NEARBY_COUNT],
            nearby_villages=Village.objects.published()
            .near(attraction, NEARBY_RADIUS_KM)
            .select_related("region")[:NEARBY_COUNT],
            routes=Route.objects.published().stopping_at(attraction=attraction),
            map=place_map(attraction, Region.objects.along_corridor()),
            events_here=Event.objects.published().for_place_page(attraction, timezone.localdate()),
            today=timezone.localdate(),
            **kwargs,
        )


class AttractionGeoJSONView(FilteredGeoJSONView):
    """The filtered list as GeoJSON, for the list page's map."""

    model = Attraction
    filterset_class = AttractionFilterSet
