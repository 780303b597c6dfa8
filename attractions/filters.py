"""The filters of the attraction list: /attractions/?q=&category=&county=&season=&a_level=&free=1&sort="""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from listings.filters import DEFAULT_SORT, CheckboxFilter, ChoiceFilter, FacetedFilterSet, SeasonFilterMixin
from listings.models import Theme
from listings.nearby_filters import NearbyFilterMixin

from .models import ALevel, Attraction


class AttractionFilterSet(NearbyFilterMixin, SeasonFilterMixin, FacetedFilterSet):
    category = ChoiceFilter(label=_("Category"), choices=Theme.choices)
    a_level = ChoiceFilter(
        label=_("A-level"),
        choices=[(level, label) for level, label in ALevel.choices if level],
        condition=lambda level: Q(a_level=int(level)),
    )
    free = CheckboxFilter(label=_("Free entry"), when_ticked=Q(ticket_price=0))

    facets = ("county", "category", "season", "a_level", "free")
    sort_choices = [
        (DEFAULT_SORT, _("West to east along the road")),
        ("name", _("Name")),
        ("a_level", _("A-level, highest first")),
        ("newest", _("Newest")),
    ]

    class Meta:
        model = Attraction
        fields = ["q", "category", "county", "season", "a_level", "free", "sort", "near", "radius"]

    def order_results(self, queryset, key, searching=False):
        if key == "a_level":
            # Unknown A-levels last: PostgreSQL puts NULL first in a descending order.
            level = F("a_level").desc(nulls_last=True)
            return queryset.order_by(level, *queryset.along_corridor().query.order_by)
        return super().order_results(queryset, key, searching)
