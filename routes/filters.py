"""The filters of the Border Tour list: /routes/?q=&days=&season=&theme=&transport=&county=&sort="""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from listings.filters import FacetedFilterSet
from listings.models import Theme

from .models import Route, Transport, passes_through


class RouteFilterSet(FacetedFilterSet):
    days = django_filters.ChoiceFilter(label=_("Days"), choices=())
    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=Theme.choices)
    transport = django_filters.ChoiceFilter(label=_("Transport"), choices=Transport.choices)

    facets = ("county", "days", "season", "theme", "transport")
    name_field = "title"

    class Meta:
        model = Route
        fields = ["q", "days", "season", "theme", "transport", "county", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        durations = self.queryset.order_by("duration_days").values_list("duration_days", flat=True).distinct()
        self.filters["days"].extra["choices"] = [
            (str(days), ngettext("%(days)s day", "%(days)s days", days) % {"days": days}) for days in durations
        ]

    def condition_county(self, slugs):
        return passes_through(slugs)

    def condition_days(self, value):
        return Q(duration_days=int(value))

    def condition_theme(self, value):
        return Q(themes__contains=[value])

    def condition_transport(self, value):
        return Q(transport=value)
