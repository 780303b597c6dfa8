from django.utils.translation import ngettext_lazy

from editorial.preview import StaffPreviewMixin
from listings.views import FilteredListView, PlaceDetailView, PlaceGeoJSONView
from sharing.views import DetailPageMetadataMixin, ListPageMetadataMixin

from .filters import VillageFilterSet
from .models import Village


class VillageListView(ListPageMetadataMixin, FilteredListView):
    """Villages narrowed by the visitor's filters, west to east by default."""

    model = Village
    filterset_class = VillageFilterSet
    count_text = ngettext_lazy("%(n)s village", "%(n)s villages", "n")


class VillageDetailView(StaffPreviewMixin, DetailPageMetadataMixin, PlaceDetailView):
    model = Village


class VillageGeoJSONView(PlaceGeoJSONView):
    """The filtered list as GeoJSON, for the list page's map."""

    model = Village
    filterset_class = VillageFilterSet
