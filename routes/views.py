from django.http import HttpResponse
from django.utils.translation import ngettext_lazy

from corridor_portal import clock
from corridor_portal.ratelimit import RateLimitMixin
from editorial.preview import StaffPreviewMixin
from listings import kinds
from listings.cachetags import depends_on, linked_listing_tags
from listings.essentials import route_essentials
from listings.maps import route_map
from listings.models import Region
from listings.views import FilteredGeoJSONView, FilteredListView, PublishedDetailView
from sharing.views import DetailPageMetadataMixin, ListPageMetadataMixin

from .filters import RouteFilterSet
from .gpx import route_gpx
from .models import Route


def declare_stops(route):
    """The tour's page shows each stop's place (published or not: publishing one adds it to the page)."""
    depends_on(*(tag for day in route.days.all() for stop in day.stops.all() for tag in linked_listing_tags(stop)))


class RouteListView(ListPageMetadataMixin, FilteredListView):
    """Border Tours narrowed by the visitor's filters, west to east by default."""

    model = Route
    filterset_class = RouteFilterSet
    shows_lists = ("attractions", "villages")  # each tour is the line through its stops
    card_template = "includes/route_card.html"
    count_text = ngettext_lazy("%(n)s Border Tour", "%(n)s Border Tours", "n")


class RouteDetailView(StaffPreviewMixin, DetailPageMetadataMixin, PublishedDetailView):
    model = Route

    def get_context_data(self, **kwargs):
        declare_stops(self.object)
        itinerary = self.object.itinerary()
        regions = Region.objects.along_corridor()
        today = clock.today()
        sections = {}
        for section in kinds.page_sections():  # the border-area notes of the tour and its stops
            sections.update(section.context(self.object, today))
        return super().get_context_data(
            itinerary=itinerary,
            map=route_map(self.object, itinerary, regions),
            essentials=route_essentials(self.object, today, sections.get("border_notes", [])),
            **kwargs,
        )


class RouteGpxView(RateLimitMixin, PublishedDetailView):
    """The route's stops as a GPX 1.1 file to take along."""

    model = Route
    rate_limit_group = "download"

    def render_to_response(self, context, **response_kwargs):
        route = self.object
        declare_stops(route)
        gpx = route_gpx(route, route.itinerary(), self.request.build_absolute_uri(route.get_absolute_url()))
        response = HttpResponse(gpx, content_type="application/gpx+xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{route.slug}.gpx"'
        return response


class RouteGeoJSONView(FilteredGeoJSONView):
    """The filtered list as GeoJSON, for the list page's map."""

    model = Route
    filterset_class = RouteFilterSet
    shows_lists = ("attractions", "villages")  # each tour is the line through its stops
