"""The filters of the village list: /villages/?q=&county=&culture=&homestays=1&sort="""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from listings.filters import CheckboxFilter, FacetedFilterSet, NearbyFilterMixin

from .models import Culture, Village


class VillageFilterSet(NearbyFilterMixin, FacetedFilterSet):
    season = None  # a village records no best season (its festivals have months)
    culture = django_filters.ChoiceFilter(label=_("Culture"), choices=Culture.choices)
    homestays = CheckboxFilter(label=_("With homestays"))

    facets = ("county", "culture", "homestays")

    class Meta:
        model = Village
        fields = ["q", "county", "culture", "homestays", "sort", "near", "radius"]

    def condition_culture(self, value):
        return Q(culture=value)

    def condition_homestays(self, value):
        return Q(homestays__gt=0)
