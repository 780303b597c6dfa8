from corridor_portal.listing_views import PublishedDetailView, PublishedListView

from .models import Route


class RouteListView(PublishedListView):
    model = Route


class RouteDetailView(PublishedDetailView):
    model = Route

    def get_context_data(self, **kwargs):
        return super().get_context_data(itinerary=self.object.itinerary(), **kwargs)
