"""What the list pages' filters share: search, county, sorting, facet counts and chips; the season filter, composed
into the lists of the kinds that have seasons (the nearby filter is in nearby_filters.py).

Every filter that narrows a list is a ConditionFilter: it says what a value keeps as a condition (a `Q`). The list
applies them all; the facet counts apply all but one, so each option shows what it would give with the other
filters kept, and all of it is counted in a single aggregate query.
"""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from corridor_portal import clock
from corridor_portal.cache import cached_facet_counts

from .cachetags import searched_tags, shown_list_tags
from .fragments import counties_stamp
from .i18n import DEFAULT_LANGUAGE, fallback_chain
from .models import Region, Season
from .search import clean_query

DEFAULT_SORT = "corridor"
RESULT_COUNT_KEY = "results"
# The season filter's option for the listings no source gives a season for (their best seasons are empty).
SEASON_NOT_KNOWN = "unknown"
# What a visitor leaves a filter at when it does not filter: absent, empty, no value ticked, the box unticked.
NO_FILTER = (None, "", [], False)


class ConditionFilter(django_filters.Filter):
    """A filter that says what a value keeps as a condition (a `Q`), so a list can apply it with the others.

    The condition is `condition=`, a function of the value, when given; else `field_name` `lookup_expr` the value.
    A filter whose rule needs its filter set (`self.parent`: the counties read, the day) overrides condition().
    Filters that narrow nothing themselves (the sort order, the radius of `near`) are plain django-filter filters.
    """

    def __init__(self, *args, condition=None, **kwargs):
        self.make_condition = condition
        super().__init__(*args, **kwargs)

    def condition(self, value):
        """The Q of what `value` keeps; None when the value names nothing usable (the filter is then left out)."""
        if self.make_condition is not None:
            return self.make_condition(value)
        return Q(**{f"{self.field_name}__{self.lookup_expr}": value})

    def filter(self, qs, value):
        """The filter alone, as django-filter applies one (the lists apply all their conditions at once)."""
        condition = None if value in NO_FILTER else self.condition(value)
        return qs if condition is None else qs.filter(condition)


class SearchField(forms.CharField):
    """The search words, cleaned (no control characters, at most 100 characters) instead of refused."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchFilter(ConditionFilter, django_filters.CharFilter):
    field_class = SearchField

    def condition(self, query):
        return self.parent.queryset.search_condition(query)


class ChoiceFilter(ConditionFilter, django_filters.ChoiceFilter):
    """One value of a list of choices, or any."""


class LenientMultipleChoiceField(django_filters.fields.MultipleChoiceField):
    """Keeps the values it knows and drops the others, remembering them in `ignored`."""

    ignored = ()

    def clean(self, value):
        values = [str(v) for v in self.to_python(value)]
        self.ignored = [v for v in values if not self.valid_value(v)]
        return super().clean(list(dict.fromkeys(v for v in values if self.valid_value(v))))


class MultipleChoiceFilter(ConditionFilter, django_filters.MultipleChoiceFilter):
    """Several values of a list of choices: what has any of them (`field_name` in the values, by default)."""

    field_class = LenientMultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, **kwargs)


class CountyFilter(MultipleChoiceFilter):
    def condition(self, slugs):
        # By id, from the counties already read: no join in the list's and the facets' queries.
        return Q(region__in=[region.pk for region in self.parent.regions if region.slug in slugs])


class CheckboxFilter(ConditionFilter, django_filters.BooleanFilter):
    """A single tick box in the address as `name=1`, keeping `when_ticked` (a Q); absent or unticked means no filter."""

    field_class = forms.BooleanField

    def __init__(self, *args, when_ticked, **kwargs):
        self.when_ticked = when_ticked
        kwargs.setdefault("widget", forms.CheckboxInput(check_test=lambda value: value not in ("", "0", None, False)))
        super().__init__(*args, **kwargs)

    def condition(self, value):
        return self.when_ticked


# The counties along the road by the stamp of their table: a few per process (a new stamp per county edit).
_regions_by_stamp = {}
MAX_REGION_STAMPS = 8


def corridor_regions(request=None):
    """The counties along the road, in their order: from this process's memory under the stamp of their table (one
    query without the ORM: any county added, renamed, moved or deleted changes it; asked once per request, the
    footer keeps its rendering by it too), else read and kept. The rows are shared by the requests of the process
    and only read. With the fragment cache off: read every time."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return list(Region.objects.along_corridor())
    stamp = counties_stamp(request)
    regions = _regions_by_stamp.get(stamp)
    if regions is None:
        regions = tuple(Region.objects.along_corridor())
        if len(_regions_by_stamp) >= MAX_REGION_STAMPS:
            _regions_by_stamp.clear()
        _regions_by_stamp[stamp] = regions
    return list(regions)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    input_id: str

    @property
    def is_empty(self):
        return self.count == 0


@dataclass
class FacetGroup:
    name: str
    legend: str
    kind: str  # "checkbox" (several values), "radio" (one value or any) or "toggle" (one tick box)
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class Chip:
    label: str
    remove_url: str


def conditional_counts(queryset, aggregates):
    """queryset.aggregate(**aggregates) for counts with conditions (`Count("pk", filter=Q(...))`), in one query.

    Compiled here when the query is a plain filter (no annotation, DISTINCT, slice, GROUP BY or set operation, the
    case where Django's aggregate() asks for no subquery either): aggregate() first walks every count's condition
    looking for references to the others, hashing each node of each condition again (django.utils.hashable), which
    on the events' month conditions cost 74-193 ms a list against 22-32 ms compiled here. Anything else: aggregate().
    """
    query = queryset.query
    if query.annotations or query.distinct or query.is_sliced or query.combinator or query.group_by is not None:
        return queryset.aggregate(**aggregates)
    query = query.chain()
    query.clear_ordering(force=True)
    query.select, query.default_cols, query.select_related = (), False, False
    for alias, aggregate in aggregates.items():
        query.add_annotation(aggregate, alias)
    query.set_annotation_mask(aggregates)
    try:
        sql, params = query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # a condition that matches nothing (`pk__in=[]`): nothing to ask
        return dict.fromkeys(aggregates, 0)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return {alias: value or 0 for alias, value in zip(query.annotation_select, row, strict=True)}


class FacetedFilterSet(django_filters.FilterSet):
    """Search, county and sort for a list of published listings, with facet counts."""

    q = SearchFilter(label=_("Search"))
    county = CountyFilter(label=_("County or city"), choices=())
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=(), empty_label=None)

    # The filters shown as groups of options with counts, in the order of the form.
    facets = ()
    sort_choices = [
        (DEFAULT_SORT, _("West to east along the road")),
        ("name", _("Name")),
        ("newest", _("Newest")),
    ]
    name_field = "name"
    # Filters that get no chip of their own (sorting is not a filter; `near` makes its own chip).
    without_chips = ("sort",)
    # keep_counts(compute): the counts kept by the list with its other parts, under tags that include the counts'
    # own (FilteredListView sets it); None: kept by cached_facet_counts() under the counts' own tags.
    keep_counts = None

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Kept for the list's map too, so the counties are read once per page.
        self.regions = corridor_regions(self.request)
        self.filters["county"].extra["choices"] = [(region.slug, region.name) for region in self.regions]
        self.filters["sort"].extra["choices"] = self.sort_choices
        for declared in self.filters.values():
            # A form field made before the choices were known must not stand: the API schema reads the class's
            # filters and a filter keeps its field once made, which then refused every county, sort, number of
            # days or village. Each FilterSet's filters are its own copies; their fields are made afresh.
            declared.__dict__.pop("_field", None)

    # Conditions --------------------------------------------------------------------------------

    def active_conditions(self):
        """{filter name: Q} for every filter the visitor set to a valid value (worked out once per page)."""
        return self._active_conditions

    @cached_property
    def _active_conditions(self):
        conditions = {}
        for name, declared in self.filters.items():
            value = self.cleaned_data.get(name)
            if not isinstance(declared, ConditionFilter) or value in NO_FILTER:
                continue
            condition = declared.condition(value)
            if condition is not None:  # None: the value names nothing usable and is left out
                conditions[name] = condition
        return conditions

    @property
    def cleaned_data(self):
        self.errors  # noqa: B018 -- validates the form, which fills cleaned_data with the valid fields only
        return self.form.cleaned_data

    # Results -----------------------------------------------------------------------------------

    def filter_queryset(self, queryset):
        queryset = queryset.filter(*self.active_conditions().values())
        query = self.cleaned_data.get("q")
        if query:
            queryset = queryset.with_search_rank(query)
        return self.order_results(queryset, self.cleaned_data.get("sort") or "", searching=bool(query))

    def order_results(self, queryset, key, searching=False):
        """Order by the chosen key; without one, by relevance when searching, else west to east."""
        corridor = queryset.along_corridor().query.order_by
        if key == "name":
            return queryset.order_by(self.name_ordering(), *corridor)
        if key == "newest":
            return queryset.order_by(F("first_published_at").desc(nulls_last=True), "-pk")
        if not key and searching:
            return queryset.order_by_relevance(*corridor)
        return queryset.along_corridor()

    def name_ordering(self):
        """Chinese names sort by their pinyin; others by the name in the page's language or its fallback."""
        language = get_language() or settings.LANGUAGE_CODE
        if language == DEFAULT_LANGUAGE:
            return F("search_pinyin")
        *preferred, last_resort = (
            build_localized_fieldname(self.name_field, code) for code in fallback_chain(language)
        )
        return Coalesce(*(NullIf(column, Value("")) for column in preferred), last_resort)

    # Facets ------------------------------------------------------------------------------------

    def facet_choices(self, name):
        choices = self.filters[name].extra.get("choices", ())
        return [(str(value), label) for value, label in (choices() if callable(choices) else choices)]

    def facet_kind(self, name):
        if isinstance(self.filters[name], CheckboxFilter):
            return "toggle"
        if isinstance(self.filters[name], django_filters.MultipleChoiceFilter):
            return "checkbox"
        return "radio"

    def option_condition(self, name, kind, value):
        """What one option of a faceted filter keeps: the box ticked, one value of several, or the one value."""
        if kind == "toggle":
            return self.filters[name].condition(True)
        if kind == "checkbox":
            return self.filters[name].condition([value])
        return self.filters[name].condition(value)

    def facet_groups(self):
        """Each faceted filter with its options and how many results each would give.

        One aggregate query for all of them: an option's count keeps every other active filter. The filters
        without facets (the search, `near`) narrow the rows first, through their indexes; only the faceted
        filters are conditions inside the count. The same query counts the results (`result_count`).
        """
        plans, counts = self._facet_plans_and_counts
        groups = []
        for name, kind, options, keys in plans:
            current = self.cleaned_data.get(name)
            group = FacetGroup(name=name, legend=self.filters[name].label, kind=kind)
            for (value, label), key in zip(options, keys, strict=True):
                if kind == "toggle":
                    selected = bool(current)
                elif kind == "checkbox":
                    selected = value in (current or [])
                else:
                    selected = value == (current or "")
                input_id = f"filter-{name}-{value or 'any'}"
                group.options.append(FacetOption(value, str(label), counts[key], selected, input_id))
            groups.append(group)
        return groups

    @cached_property
    def _facet_plans_and_counts(self):
        """([(filter name, kind, options, count keys)], {count key: count}), worked out once per page.

        The aggregates (a Count with its condition per option: hundreds of expression objects on a list with
        ten counties) are built only when the counts are not in the cache: building them cost more than a
        sixth of an uncached list page whose counts were found there.
        """
        active = self.active_conditions()
        faceted = {name: condition for name, condition in active.items() if name in self.facets}
        plans, wanted = [], []  # wanted: (count key, filter name, kind, option value) for each option
        for i, name in enumerate(self.facets):
            kind = self.facet_kind(name)
            if kind == "toggle":
                options = [("1", self.filters[name].label)]
            else:
                options = self.facet_choices(name)
                if kind == "radio":
                    options = [("", gettext("Any")), *options]
            keys = [f"facet_{i}_{j}" for j in range(len(options))]
            wanted += [(key, name, kind, value) for key, (value, _label) in zip(keys, options, strict=True)]
            plans.append((name, kind, options, keys))

        def count():
            narrowed = self.queryset.order_by().filter(*(c for name, c in active.items() if name not in self.facets))
            aggregates = {}
            for key, name, kind, value in wanted:
                condition = Q(*(condition for other, condition in faceted.items() if other != name))
                if value:
                    condition &= self.option_condition(name, kind, value)
                aggregates[key] = Count("pk", filter=condition if condition else None)
            aggregates[RESULT_COUNT_KEY] = Count("pk", filter=Q(*faceted.values()) if faceted else None)
            return conditional_counts(narrowed, aggregates)

        if self.keep_counts is not None:  # the list keeps them with its parts (listings.views.FilteredListView)
            return plans, self.keep_counts(count)
        counts = cached_facet_counts(self.facet_cache_key(), count, tags=self.count_tags())
        return plans, counts

    def count_tags(self):
        """What the counts depend on: the list's rows, and their texts when searching (NearbyFilterMixin adds the
        places' lists when `near` names one: its position moves the distances)."""
        model = self.queryset.model
        return searched_tags(model) if self.cleaned_data.get("q") else shown_list_tags(model)

    def option_count(self, name, value):
        """How many results one option of a faceted filter would give, with the other filters kept."""
        plans, counts = self._facet_plans_and_counts
        options, keys = next((options, keys) for plan_name, _kind, options, keys in plans if plan_name == name)
        return next(counts[key] for (option, _label), key in zip(options, keys, strict=True) if option == value)

    def result_count(self):
        """How many results the filters give: counted with the facets, kept with them per version of the list's tags."""
        return self._facet_plans_and_counts[1][RESULT_COUNT_KEY]

    def facet_cache_key(self):
        """What the counts depend on: the list, its filters (not the sort order) and the day (coming events)."""
        filters = sorted((name, repr(value)) for name, value in self.cleaned_data.items() if name != "sort")
        return f"{type(self).__module__}.{type(self).__qualname__}|{filters}|{clock.today()}"

    # What the visitor sees of the filters ------------------------------------------------------

    def chips(self):
        """The active filters, each with the address of the same list without it."""
        chips = []
        for name, value in self.cleaned_data.items():
            if name in self.without_chips or value in NO_FILTER:
                continue
            kind = self.facet_kind(name) if name != "q" else "search"
            if kind == "checkbox":
                labels = dict(self.facet_choices(name))
                for item in value:
                    remaining = [v for v in value if v != item]
                    chips.append(Chip(str(labels.get(item, item)), self.url_without(name, remaining)))
            elif kind == "radio":
                label = dict(self.facet_choices(name)).get(str(value), value)
                chips.append(Chip(f"{self.filters[name].label}: {label}", self.url_without(name)))
            elif kind == "toggle":
                chips.append(Chip(str(self.filters[name].label), self.url_without(name)))
            else:
                chips.append(Chip(f"“{value}”", self.url_without(name)))
        return chips

    def url_without(self, name, keep=(), remove_also=()):
        """The query string of this list with filter `name` set to `keep` (removed when empty)."""
        params = self.data.copy() if self.data is not None else {}
        params.pop("page", None)
        for other in remove_also:
            params.pop(other, None)
        if keep:
            params.setlist(name, list(keep))
        else:
            params.pop(name, None)
        return f"?{params.urlencode()}"

    def clear_url(self):
        """Keep only the sort order."""
        sort = self.cleaned_data.get("sort")
        return f"?sort={sort}" if sort else "?"

    def problems(self):
        """What the visitor asked for that could not be used, in words; those filters were left out."""
        messages = []
        for name, errors in self.form.errors.items():
            label = self.filters[name].label if name in self.filters else name
            messages.extend(f"{label}: {error}" for error in errors)
        for name, form_field in self.form.fields.items():
            ignored = getattr(form_field, "ignored", ())
            if ignored:
                values = ", ".join(f"“{value}”" for value in ignored)
                messages.append(
                    gettext("%(filter)s: %(values)s is not known and was left out.")
                    % {"filter": self.filters[name].label, "values": values}
                )
        return messages

    @property
    def active_count(self):
        return len(self.active_conditions())

    # What lists with a season or nearby filter add (SeasonFilterMixin, NearbyFilterMixin); nothing here.

    def seasons_not_known(self):
        return None

    def nearby_form(self):
        return {}


class SeasonFilter(MultipleChoiceFilter):
    def condition(self, seasons):
        # No best season recorded means no source says: such a listing matches no season, only "not known".
        # A listing good all year has all four seasons, so it matches every season.
        known = [season for season in seasons if season != SEASON_NOT_KNOWN]
        condition = Q(best_seasons__overlap=known) if known else None
        if SEASON_NOT_KNOWN in seasons:
            not_known = Q(best_seasons=[])
            condition = not_known if condition is None else condition | not_known
        return condition


class SeasonFilterMixin(django_filters.FilterSet):
    """`?season=`: the season filter of the kinds that record best seasons, mixed in before FacetedFilterSet."""

    season = SeasonFilter(label=_("Season"), choices=[*Season.choices, (SEASON_NOT_KNOWN, _("Season not known"))])

    def seasons_not_known(self):
        """When the visitor filters by season: how many listings the filter leaves out because no source gives
        their season (with the other filters kept), and the address of those listings; None otherwise."""
        if "season" not in self.facets:
            return None
        chosen = self.cleaned_data.get("season") or []
        if not chosen or SEASON_NOT_KNOWN in chosen:
            return None
        count = self.option_count("season", SEASON_NOT_KNOWN)
        if count:
            return {"count": count, "url": self.url_without("season", keep=[SEASON_NOT_KNOWN])}
        return None
