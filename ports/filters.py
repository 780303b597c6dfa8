"""The filters of the list of ports: /ports/?country=&open_now=1&county=&q=&sort="""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from listings.filters import DEFAULT_SORT, CheckboxFilter, ChoiceFilter, FacetedFilterSet

from .models import Country, Crossing, PortOfEntry


class PortFilterSet(FacetedFilterSet):
    """A port has no season of its own: no season filter."""

    country = ChoiceFilter(label=_("Across the border"), choices=Country.choices, field_name="across_country")
    open_now = CheckboxFilter(label=_("Tourists can cross now"), when_ticked=Q(tourist_crossing=Crossing.YES))

    facets = ("country", "open_now", "county")
    sort_choices = [(DEFAULT_SORT, _("West to east along the border")), ("name", _("Name"))]

    class Meta:
        model = PortOfEntry
        fields = ["q", "country", "open_now", "county", "sort"]
