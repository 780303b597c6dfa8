from django.utils.translation import ngettext_lazy

from editorial.preview import StaffPreviewMixin
from listings.views import FilteredListView, PlaceDetailView, PlaceGeoJSONView
from sharing.views import DetailPageMetadataMixin, ListPageMetadataMixin

from .filters import AttractionFilterSet
from .models import Attraction


class AttractionListView(ListPageMetadataMixin, FilteredListView):
    """Attractions narrowed by the visitor's filters, west to east by default."""

    model = Attraction
    filterset_class = AttractionFilterSet
    count_text = ngettext_lazy("%(n)s attraction", "%(n)s attractions", "n")


class AttractionDetailView(StaffPreviewMixin, DetailPageMetadataMixin, PlaceDetailView):
    model = Attraction


class AttractionGeoJSONView(PlaceGeoJSONView):
    """The filtered list as GeoJSON, for the list page's map."""

    model = Attraction
    filterset_class = AttractionFilterSet
