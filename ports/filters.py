"""The filters of the list of ports: /ports/?country=&open_now=1&county=&q=&sort="""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from listings.filters import DEFAULT_SORT, CheckboxFilter, FacetedFilterSet

from .models import Country, Crossing, PortOfEntry


class PortFilterSet(FacetedFilterSet):
    season = None  # a port has no season of its own
    country = django_filters.ChoiceFilter(label=_("Across the border"), choices=Country.choices)
    open_now = CheckboxFilter(label=_("Tourists can cross now"))

    facets = ("country", "open_now", "county")
    sort_choices = [(DEFAULT_SORT, _("West to east along the border")), ("name", _("Name"))]

    class Meta:
        model = PortOfEntry
        fields = ["q", "country", "open_now", "county", "sort"]

    def condition_country(self, value):
        return Q(across_country=value)

    def condition_open_now(self, value):
        return Q(tourist_crossing=Crossing.YES)
