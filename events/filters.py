"""The filters of What's on: /events/?month=this|next|1-12&county=&kind=&q=&sort="""

from django.db.models import F
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from listings.filters import ChoiceFilter, FacetedFilterSet, MultipleChoiceFilter

from .models import Event, EventKind, add_months, happening_in, next_month_of_year

THIS_MONTH, NEXT_MONTH = "this", "next"
DATE_SORT = "date"


class MonthFilter(ChoiceFilter):
    """The events that take place in a month: this month, next month or a month of the year (see year_and_month)."""

    def condition(self, value):
        return happening_in(*self.parent.year_and_month(value), self.parent.today)


class EventFilterSet(FacetedFilterSet):
    """Coming events by month, county and kind; `today` decides what "this month" is. Months, not seasons."""

    month = MonthFilter(label=_("When"), choices=())
    kind = MultipleChoiceFilter(label=_("Kind"), choices=EventKind.choices)

    facets = ("month", "county", "kind")
    sort_choices = [(DATE_SORT, _("Coming first")), ("name", _("Name"))]

    class Meta:
        model = Event
        fields = ["q", "month", "county", "kind", "sort"]

    def __init__(self, data=None, *args, today, **kwargs):
        self.today = today
        super().__init__(data, *args, **kwargs)
        self.filters["month"].extra["choices"] = [
            (THIS_MONTH, _("This month")),
            (NEXT_MONTH, _("Next month")),
            *((str(number), name) for number, name in MONTHS.items()),
        ]

    def year_and_month(self, value):
        """The month a filter value names: this month, next month, or the next time a month comes round."""
        if value == THIS_MONTH:
            return self.today.year, self.today.month
        if value == NEXT_MONTH:
            return add_months(self.today.year, self.today.month, 1)
        return next_month_of_year(int(value), self.today)

    def order_results(self, queryset, key, searching=False):
        if key == "name":
            return queryset.order_by(self.name_ordering(), "slug")
        # `next_date` only here, on the rows shown: on the queryset the facets count, its CASE made Django walk
        # every count's condition for it (events/views.py ComingEventsMixin), 100-250 ms a list counted.
        queryset = queryset.with_next_date(self.today)
        if not key and searching:
            return queryset.order_by_relevance(F("next_date").asc(nulls_last=True), "slug")
        return queryset.order_by(F("next_date").asc(nulls_last=True), "search_pinyin", "slug")
