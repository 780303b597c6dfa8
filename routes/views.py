from functools import partial

from django.http import HttpResponse
from django.utils.translation import ngettext_lazy

from corridor_portal import clock
from corridor_portal.ratelimit import RateLimitMixin
from editorial.preview import StaffPreviewMixin
from listings import kinds
from listings.cachetags import depends_on, linked_listing_tags, list_tags
from listings.essentials import route_essentials
from listings.maps import route_map
from listings.models import Region
from listings.views import FilteredGeoJSONView, FilteredListView, KeptListingMixin, PublishedDetailView, section_tags
from sharing.views import DetailPageMetadataMixin, ListPageMetadataMixin

from .filters import RouteFilterSet
from .gpx import route_gpx
from .models import Route


def stop_tags(route):
    """The tour's page shows each stop's place (published or not: publishing one adds it to the page)."""
    return [tag for day in route.days.all() for stop in day.stops.all() for tag in linked_listing_tags(stop)]


class RouteListView(ListPageMetadataMixin, FilteredListView):
    """Border Tours narrowed by the visitor's filters, west to east by default."""

    model = Route
    filterset_class = RouteFilterSet
    shows_lists = ("attractions", "villages")  # each tour is the line through its stops
    card_template = "includes/route_card.html"
    count_text = ngettext_lazy("%(n)s Border Tour", "%(n)s Border Tours", "n")


class RouteDetailView(KeptListingMixin, StaffPreviewMixin, DetailPageMetadataMixin, PublishedDetailView):
    model = Route
    # Its days' stops show their places' names, counties and positions: the tour is kept by those lists too.
    listing_kept_with_lists = ("attractions", "villages")
    tags_from_the_row = True  # its parts are keyed by row_dependencies(), its stops' tags kept with them

    def row_dependencies(self):
        """What the tour's row tells: the tour, its start hub, the border-area notes (of the tour, its stops and
        their counties)."""
        return [*super().page_dependencies(), *section_tags()]

    def part_tags(self):
        """Keyed by the tour's row and the lists of the places its stops show (a stop's place renamed, moved or
        unpublished changes its kind's list): known before its days and stops are read. The page's own tags, each
        stop's place, are kept with them (`dependencies`)."""
        keys = [*self.row_dependencies(), *list_tags(kinds.place_models())]
        return {"page": keys, "seo": keys, "dependencies": keys}

    def page_dependencies(self):
        """The tour's tags and each stop's place's (published or not: publishing one adds it to the page)."""

        def dependencies():
            return [*self.row_dependencies(), *stop_tags(self.object)]

        return self.kept.value("dependencies", dependencies) if self.kept is not None else dependencies()

    def get_context_data(self, **kwargs):
        route = self.object
        parts = self.find_kept_parts()
        if parts.all_found():
            return super().get_context_data(kept_parts=parts, **kwargs)
        itinerary = route.itinerary()
        today = clock.today()
        # The map's counties and the sections that say what they read (the border-area notes of the tour, its
        # stops and their counties), kept by the tour, the day and the versions of the page's tags.
        queries = {"regions": ((), partial(list, Region.objects.along_corridor()))}
        sections = [section for section in kinds.page_sections() if section.reads]
        for section in sections:
            queries[f"section-{section.name}"] = (
                (route.pk, str(route.updated_at), str(today), [stop.place.pk for stop in itinerary.stops]),
                partial(section.context, route, today),
            )
        rows = self.kept_section_rows(queries)
        shown = {}
        for section in kinds.page_sections():
            shown.update(rows[f"section-{section.name}"] if section.reads else section.context(route, today))
        return super().get_context_data(
            itinerary=itinerary,
            map=route_map(route, itinerary, rows["regions"]),
            essentials=route_essentials(route, today, shown.get("border_notes", [])),
            kept_parts=parts,
            **kwargs,
        )


class RouteGpxView(RateLimitMixin, PublishedDetailView):
    """The route's stops as a GPX 1.1 file to take along."""

    model = Route
    rate_limit_group = "download"

    def render_to_response(self, context, **response_kwargs):
        route = self.object
        depends_on(*stop_tags(route))
        gpx = route_gpx(route, route.itinerary(), self.request.build_absolute_uri(route.get_absolute_url()))
        response = HttpResponse(gpx, content_type="application/gpx+xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{route.slug}.gpx"'
        return response


class RouteGeoJSONView(FilteredGeoJSONView):
    """The filtered list as GeoJSON, for the list page's map."""

    model = Route
    filterset_class = RouteFilterSet
    shows_lists = ("attractions", "villages")  # each tour is the line through its stops
