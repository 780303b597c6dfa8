"""The filters of the Border Tour list: /routes/?q=&days=&season=&theme=&transport=&county=&sort="""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from listings.filters import ChoiceFilter, FacetedFilterSet, MultipleChoiceFilter, SeasonFilterMixin
from listings.models import Theme

from .models import Route, Transport, passes_through


class RouteFilterSet(SeasonFilterMixin, FacetedFilterSet):
    # A tour is in a county when it starts, ends or stops there.
    county = MultipleChoiceFilter(label=_("County or city"), choices=(), condition=passes_through)
    days = ChoiceFilter(label=_("Days"), choices=(), condition=lambda days: Q(duration_days=int(days)))
    theme = ChoiceFilter(label=_("Theme"), choices=Theme.choices, condition=lambda theme: Q(themes__contains=[theme]))
    transport = ChoiceFilter(label=_("Transport"), choices=Transport.choices)

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
