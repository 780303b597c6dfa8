from attractions.models import Attraction
from corridor_portal.listing_views import PublishedDetailView, PublishedListView
from routes.models import Route

from .models import Village

NEARBY_RADIUS_KM = 30
NEARBY_COUNT = 6


class VillageListView(PublishedListView):
    model = Village

    def get_queryset(self):
        return super().get_queryset().along_corridor()


class VillageDetailView(PublishedDetailView):
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
            **kwargs,
        )
