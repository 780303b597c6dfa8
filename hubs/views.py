"""The getting-there page (every hub by kind, on a map where its position is known) and each hub's page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from corridor_portal import clock
from listings.cachetags import depends_on, list_tag
from listings.maps import Marker, build_map
from listings.models import Region
from listings.views import PublishedDetailView
from sharing import seo

from .models import HubKind, TransportHub

# The colour of a hub's marker says its kind (the legend under the map names them).
KIND_COLOURS = {
    HubKind.AIRPORT: "#1f6fb2",
    HubKind.HIGH_SPEED_RAIL: "#b5473a",
    HubKind.RAIL: "#6a4c93",
    HubKind.BUS: "#2a7f3f",
}


def hubs_map(title, hubs, regions, zoom_to_markers_deg=None):
    """The hubs whose position a source gives, on the corridor map; the others are on no map."""
    markers = [
        Marker(hub.latitude, hub.longitude, hub.name, hub.get_absolute_url(), colour=KIND_COLOURS[hub.kind])
        for hub in hubs
        if hub.has_position
    ]
    return build_map(title, regions, markers, zoom_to_markers_deg=zoom_to_markers_deg)


def kind_legend():
    return [(KIND_COLOURS[kind], kind.label) for kind in HubKind]


class HubListView(ListView):
    """Getting there: the airports, stations and bus centres that serve the corridor, by kind, with a map."""

    model = TransportHub
    template_name = "hubs/hub_list.html"
    context_object_name = "hubs"

    def get_queryset(self):
        depends_on(list_tag(TransportHub))
        return TransportHub.objects.published().for_list_page().by_kind()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hubs = list(context["hubs"])
        regions = list(Region.objects.along_corridor())
        by_region = {}
        for hub in hubs:
            by_region.setdefault(hub.region_id, []).append(hub)
        context.update(
            groups=[(kind.label, [hub for hub in hubs if hub.kind == kind]) for kind in HubKind],
            position_unknown=[hub for hub in hubs if not hub.has_position],
            counties=[(region, by_region.get(region.pk, [])) for region in regions],
            off_corridor=by_region.get(None, []),
            map=hubs_map(_("Airports and stations"), hubs, regions),
            kind_legend=kind_legend(),
            today=clock.today(),
            seo=seo.build(
                self.request,
                title=_("Getting there: airports and railway stations"),
                description=_(
                    "The airports, high-speed railway stations and bus transfer centres that serve the G331 border "
                    "corridor in Jilin, with their lines, status and sources."
                ),
                canonical_path=reverse("hubs:list"),
                image_path=reverse("preview_site"),
            ),
        )
        return context


class HubDetailView(PublishedDetailView):
    model = TransportHub
    template_name = "hubs/hub_detail.html"
    context_object_name = "hub"
    shows_lists = ("routes",)  # the Border Tours starting from it

    def get_context_data(self, **kwargs):
        hub = self.object
        context = super().get_context_data(
            map=hubs_map(hub.name, [hub], Region.objects.along_corridor(), zoom_to_markers_deg=1.6)
            if hub.has_position
            else None,
            kind_legend=kind_legend(),
            routes_starting=hub.routes_starting.published().order_by("slug"),
            today=clock.today(),
            **kwargs,
        )
        context["seo"] = seo.build(
            self.request,
            title=hub.name,
            description=hub.summary or hub.name,
            canonical_path=hub.get_absolute_url(),
            image_path=reverse("preview_site"),
        )
        return context
