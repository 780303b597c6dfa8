from django.db.models import Q
from django.utils.translation import ngettext_lazy

from corridor_portal import clock
from editorial.preview import StaffPreviewMixin
from listings import kinds
from listings.cachetags import depends_on, text_tag
from listings.geometry import split_around
from listings.i18n import localized_columns
from listings.maps import place_map
from listings.models import Region
from listings.nearby_filters import DEFAULT_NEARBY_RADIUS_KM
from listings.views import NEARBY_COUNT, FilteredListView, PlaceGeoJSONView, PublishedDetailView
from sharing.views import DetailPageMetadataMixin, ListPageMetadataMixin
from villages.models import Village

from .filters import StayFilterSet
from .models import Stay

# What a village's texts call a homestay, in the languages the team writes them in.
HOMESTAY_WORDS = ("民宿", "homestay", "민박", "гостев")


def villages_mentioning_homestays(region):
    """The published villages of a county whose own figures or texts say they have homestays."""
    depends_on(text_tag(Village))
    mentions = Q(homestays__gt=0)
    for field in ("summary", "description"):
        for column in localized_columns(field):
            for word in HOMESTAY_WORDS:
                mentions |= Q(**{f"{column}__icontains": word})
    return Village.objects.published().filter(region=region).filter(mentions).along_corridor()


class StayListView(ListPageMetadataMixin, FilteredListView):
    """Places to stay narrowed by the visitor's filters, west to east by default."""

    model = Stay
    filterset_class = StayFilterSet
    template_name = "stays/stay_list.html"
    fragment_template_name = "stays/browse.html"
    count_text = ngettext_lazy("%(n)s place to stay", "%(n)s places to stay", "n")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counties_without_stays"] = self.counties_without_stays()
        return context

    def counties_without_stays(self):
        """The counties the visitor chose that have no published place to stay at all yet, each with the villages
        of that county whose texts mention homestays (where to look instead)."""
        slugs = self.filterset.cleaned_data.get("county") or []
        chosen = [region for region in self.filterset.regions if region.slug in slugs]
        if not chosen:
            return []
        with_stays = set(
            Stay.objects.published().filter(region__in=chosen).values_list("region_id", flat=True).distinct()
        )
        return [
            {"region": region, "villages": list(villages_mentioning_homestays(region))}
            for region in chosen
            if region.pk not in with_stays
        ]


class StayDetailView(StaffPreviewMixin, DetailPageMetadataMixin, PublishedDetailView):
    """A place to stay: its facts (unknown ones said to be unknown), its village, how to call and book, its map and
    the attractions and villages around it."""

    shows_lists = ("attractions", "villages")  # what lies around it

    model = Stay

    def get_context_data(self, **kwargs):
        stay = self.object
        nearby = {}
        for kind in kinds.place_kinds():
            around = kind.model.objects.published().for_map().around(stay, DEFAULT_NEARBY_RADIUS_KM, NEARBY_COUNT)
            nearby[f"nearby_{kind.name}"], nearby[f"in_county_{kind.name}"] = split_around(around)
        return super().get_context_data(
            **nearby,
            map=place_map(stay, Region.objects.along_corridor()),
            today=clock.today(),
            nearby_radius_km=DEFAULT_NEARBY_RADIUS_KM,
            **kwargs,
        )


class StayGeoJSONView(PlaceGeoJSONView):
    """The filtered list as GeoJSON, for the list page's map."""

    model = Stay
    filterset_class = StayFilterSet
