from corridor_portal.listing_views import PublishedDetailView, PublishedListView
from routes.models import Route
from villages.models import Village

from .models import Attraction

NEARBY_RADIUS_KM = 30
NEARBY_COUNT = 6


class AttractionListView(PublishedListView):
    model = Attraction

    def get_queryset(self):
        return super().get_queryset().along_corridor()


class AttractionDetailView(PublishedDetailView):
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
            **kwargs,
        )
