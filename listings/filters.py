"""What the list pages' filters share: search, county, season, sorting, facet counts and chips.

Every filter is a condition (a `Q`) built by a `condition_<name>()` method. The list applies them
all; the facet counts apply all but one, so each option shows what it would give with the other
filters kept, and all of it is counted in a single aggregate query.
"""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import LessThanOrEqual
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from corridor_portal import clock
from corridor_portal.cache import cached_facet_counts

from .geometry import distance_km_expression
from .models import Region, Season, Status
from .search import clean_query

DEFAULT_SORT = "corridor"
RESULT_COUNT_KEY = "results"
# The season filter's option for the listings no source gives a season for (their best seasons are empty).
SEASON_NOT_KNOWN = "unknown"


class SearchField(forms.CharField):
    """The search words, cleaned (no control characters, at most 100 characters) instead of refused."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class LenientMultipleChoiceField(django_filters.fields.MultipleChoiceField):
    """Keeps the values it knows and drops the others, remembering them in `ignored`."""

    ignored = ()

    def clean(self, value):
        values = [str(v) for v in self.to_python(value)]
        self.ignored = [v for v in values if not self.valid_value(v)]
        return super().clean(list(dict.fromkeys(v for v in values if self.valid_value(v))))


class MultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField


class CheckboxFilter(django_filters.BooleanFilter):
    """A single tick box in the address as `name=1`; absent or unticked means no filter."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput(check_test=lambda value: value not in ("", "0", None, False)))
        super().__init__(*args, **kwargs)


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


class FacetedFilterSet(django_filters.FilterSet):
    """Search, county, season and sort for a list of published listings, with facet counts."""

    q = SearchFilter(label=_("Search"))
    county = MultipleChoiceFilter(label=_("County or city"), choices=())
    season = MultipleChoiceFilter(
        label=_("Season"), choices=[*Season.choices, (SEASON_NOT_KNOWN, _("Season not known"))]
    )
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

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Kept for the list's map too, so the counties are read once per page.
        self.regions = list(Region.objects.along_corridor())
        self.filters["county"].extra["choices"] = [(region.slug, region.name) for region in self.regions]
        self.filters["sort"].extra["choices"] = self.sort_choices

    # Conditions --------------------------------------------------------------------------------

    def condition_q(self, query):
        return self.queryset.search_condition(query)

    def condition_county(self, slugs):
        # By id, from the counties already read: no join in the list's and the facets' queries.
        return Q(region__in=[region.pk for region in self.regions if region.slug in slugs])

    def condition_season(self, seasons):
        # No best season recorded means no source says: such a listing matches no season, only "not known".
        # A listing good all year has all four seasons, so it matches every season.
        known = [season for season in seasons if season != SEASON_NOT_KNOWN]
        condition = Q(best_seasons__overlap=known) if known else None
        if SEASON_NOT_KNOWN in seasons:
            not_known = Q(best_seasons=[])
            condition = not_known if condition is None else condition | not_known
        return condition

    def active_conditions(self):
        """{filter name: Q} for every filter the visitor set to a valid value (worked out once per page)."""
        return self._active_conditions

    @cached_property
    def _active_conditions(self):
        conditions = {}
        for name, value in self.cleaned_data.items():
            if name == "sort" or value in (None, "", [], False):
                continue
            condition = getattr(self, f"condition_{name}")(value)
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
        language = (get_language() or "zh-hans").replace("-", "_")
        if language == "zh_hans":
            return F("search_pinyin")
        name = self.name_field
        return Coalesce(NullIf(f"{name}_{language}", Value("")), NullIf(f"{name}_en", Value("")), f"{name}_zh_hans")

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
        if kind == "toggle":
            return getattr(self, f"condition_{name}")(True)
        if kind == "checkbox":
            return getattr(self, f"condition_{name}")([value])
        return getattr(self, f"condition_{name}")(value)

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
        """([(filter name, kind, options, count keys)], {count key: count}), worked out once per page."""
        active = self.active_conditions()
        narrowed = self.queryset.order_by().filter(*(c for name, c in active.items() if name not in self.facets))
        faceted = {name: condition for name, condition in active.items() if name in self.facets}
        plans, aggregates = [], {}
        for i, name in enumerate(self.facets):
            kind = self.facet_kind(name)
            others = [condition for other, condition in faceted.items() if other != name]
            if kind == "toggle":
                options = [("1", self.filters[name].label)]
            else:
                options = self.facet_choices(name)
                if kind == "radio":
                    options = [("", gettext("Any")), *options]
            keys = []
            for j, (value, _label) in enumerate(options):
                key = f"facet_{i}_{j}"
                condition = Q(*others)
                if value:
                    condition &= self.option_condition(name, kind, value)
                aggregates[key] = Count("pk", filter=condition if condition else None)
                keys.append(key)
            plans.append((name, kind, options, keys))
        aggregates[RESULT_COUNT_KEY] = Count("pk", filter=Q(*faceted.values()) if faceted else None)
        counts = cached_facet_counts(self.facet_cache_key(), lambda: narrowed.aggregate(**aggregates))
        return plans, counts

    def seasons_not_known(self):
        """When the visitor filters by season: how many listings the filter leaves out because no source gives
        their season (with the other filters kept), and the address of those listings; None otherwise."""
        if "season" not in self.facets:
            return None
        chosen = self.cleaned_data.get("season") or []
        if not chosen or SEASON_NOT_KNOWN in chosen:
            return None
        plans, counts = self._facet_plans_and_counts
        for name, _kind, options, keys in plans:
            if name == "season":
                key = next(key for (value, _label), key in zip(options, keys, strict=True) if value == SEASON_NOT_KNOWN)
                count = counts[key]
                if count:
                    return {"count": count, "url": self.url_without("season", keep=[SEASON_NOT_KNOWN])}
        return None

    def result_count(self):
        """How many results the filters give: counted with the facets, so kept with them per content version."""
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
            if name in self.without_chips or value in (None, "", [], False):
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

    def nearby_form(self):
        """What the form needs to keep a `near` filter; empty for lists without one."""
        return {}


NEARBY_RADII_KM = (5, 10, 30, 50, 100)
DEFAULT_NEARBY_RADIUS_KM = 30
MAX_NEARBY_RADIUS_KM = 500


class NearbyFilterMixin(django_filters.FilterSet):
    """`?near=<slug>&radius=<km>`: what lies within `radius` km of a published place, nearest first.

    The place is any published attraction or village; the distance is computed in SQL, only between known
    positions. A place whose position is a stand-in (its county seat) gives no distance: `near` it is then what
    lies in its county, in the list's usual order, and a stand-in is never within a distance of anything.
    """

    near = django_filters.CharFilter(label=_("Near"), max_length=100)
    radius = django_filters.NumberFilter(label=_("Within (km)"), min_value=0.1, max_value=MAX_NEARBY_RADIUS_KM)

    def near_place(self):
        """The published place named by `near`, or None (then the filter is left out with a notice)."""
        if not hasattr(self, "_near_place"):
            from attractions.models import Attraction
            from villages.models import Village

            slug = self.form.cleaned_data.get("near") if self.is_bound else None
            place = None
            if slug:
                for model in (Attraction, Village):
                    place = model.objects.filter(slug=slug, status=Status.PUBLISHED).select_related("region").first()
                    if place:
                        break
            self._near_place = place
        return self._near_place

    def nearby_form(self):
        place = self.near_place()
        if place is None:
            return {}
        if place.position_is_approximate:
            return {"place": place, "slug": place.slug, "in_county": place.region}
        radii = sorted({*NEARBY_RADII_KM, self.radius_km()})
        return {"place": place, "slug": place.slug, "radius": self.radius_km(), "radii": radii}

    def radius_km(self):
        return float(self.cleaned_data.get("radius") or DEFAULT_NEARBY_RADIUS_KM)

    def condition_near(self, slug):
        place = self.near_place()
        if place is None:
            return None
        if place.position_is_approximate:
            condition = Q(region_id=place.region_id)
        else:
            distance = distance_km_expression(place.latitude, place.longitude)
            condition = Q(position_is_approximate=False) & Q(LessThanOrEqual(distance, self.radius_km()))
        if isinstance(place, self.queryset.model):
            condition &= ~Q(pk=place.pk)
        return condition

    def condition_radius(self, km):
        return None  # part of `near`, not a filter of its own

    def filter_queryset(self, queryset):
        place = self.near_place()
        if place is None or place.position_is_approximate:
            return super().filter_queryset(queryset)
        queryset = queryset.with_distance_from(place.latitude, place.longitude)
        results = super().filter_queryset(queryset)
        if not self.cleaned_data.get("sort") and not self.cleaned_data.get("q"):
            results = results.order_by("distance_km", "slug")
        return results

    without_chips = ("sort", "near", "radius")

    def chips(self):
        chips = super().chips()
        place = self.near_place()
        if place and place.position_is_approximate:
            label = gettext("In the county of %(place)s (%(county)s): its exact position is not known") % {
                "place": place.name,
                "county": place.region.name,
            }
            chips.insert(0, Chip(label, self.url_without("near", remove_also=("radius",))))
        elif place:
            label = gettext("Within %(km)s km of %(place)s") % {"km": f"{self.radius_km():g}", "place": place.name}
            chips.insert(0, Chip(label, self.url_without("near", remove_also=("radius",))))
        return chips

    def problems(self):
        messages = super().problems()
        if self.cleaned_data.get("near") and self.near_place() is None:
            messages.append(
                gettext("%(filter)s: %(values)s is not known and was left out.")
                % {"filter": self.filters["near"].label, "values": f"“{self.cleaned_data['near']}”"}
            )
        return messages
