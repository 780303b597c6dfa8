"""The filters of the village list: /villages/?q=&county=&culture=&homestays=1&sort="""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from listings.filters import CheckboxFilter, ChoiceFilter, FacetedFilterSet
from listings.nearby_filters import NearbyFilterMixin

from .models import Culture, Village


class VillageFilterSet(NearbyFilterMixin, FacetedFilterSet):
    """A village records no best season (its festivals have months): no season filter."""

    culture = ChoiceFilter(label=_("Culture"), choices=Culture.choices)
    homestays = CheckboxFilter(label=_("With homestays"), when_ticked=Q(homestays__gt=0))

    facets = ("county", "culture", "homestays")

    class Meta:
        model = Village
        fields = ["q", "county", "culture", "homestays", "sort", "near", "radius"]
