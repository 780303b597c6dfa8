"""What the list and detail pages of the kinds of listing share.

What a page says about itself to search engines (`seo` in the context) is sharing's: each kind's views mix in
sharing.views.ListPageMetadataMixin or DetailPageMetadataMixin.
"""

from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, View

from corridor_portal import clock
from corridor_portal.ratelimit import RateLimitMixin

from . import kinds
from .cachetags import county_tag, depends_on, linked_listing_tags, list_tags, listing_tag, shown_list_tags, text_tag
from .essentials import place_essentials
from .fragments import KeptParts, cached_listing, cached_parts_by_tags, head_sql, kept_parts, listing_head
from .geometry import split_around
from .maps import geojson_feature, list_map, place_map
from .models import Region, SlugRedirect, Status
from .nearby_filters import DEFAULT_NEARBY_RADIUS_KM
from .page_views import mark_view
from .templatetags.practical import group_facts

# Sent by static/js/filters.js: answer with the form and the results only, not the whole page.
FRAGMENT_HEADER = "X-Requested-With"
FRAGMENT_HEADER_VALUE = "fetch"


class ShowsListsMixin:
    """Declares to the page cache what a list shows: its kind's rows, the kinds its cards name (an event's place),
    and `shows_lists`, the app labels of other kinds it draws (a tour's stops on its map)."""

    shows_lists = ()

    def declare_shown_lists(self):
        depends_on(*shown_list_tags(self.model), *list_tags(self.shows_lists))
        if self.request.GET.get("q", "").strip():  # the list's search box also searches the long texts
            depends_on(text_tag(self.model))
        if self.request.GET.get("near", "").strip():  # the place it is near may move, or be unpublished
            depends_on(*list_tags(kinds.place_models()))


class PublishedListView(ShowsListsMixin, ListView):
    """A paginated list of published listings."""

    paginate_by = 24

    def get_queryset(self):
        self.declare_shown_lists()
        return self.model.objects.published().for_list_page()


class LazyQuerySet(SimpleLazyObject):
    """A queryset built only when its rows (or anything but its model) are asked for: a list whose parts are kept
    (KeptParts) needs only its model and its count, and building the filtered, annotated, ordered queryset through
    the ORM cost a list page about a fifth of its CPU (an event list's next dates more)."""

    ordered = True  # what Paginator checks; every list orders its rows (filters.py's order_results)

    def __init__(self, build, model):
        super().__init__(build)
        self.__dict__["model"] = model  # not set on the queryset: that would build it


class LazyPagePaginator(Paginator):
    """Django's Paginator, but a page's rows are sliced from the list's queryset only when read."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        return self._get_page(SimpleLazyObject(lambda: rows[bottom:top]), number, self)


class FilteredListView(PublishedListView):
    """A list narrowed by the FilterSet of its app, with facet counts and removable filter chips.

    With JavaScript the form asks for the same address with the fragment header and gets only the
    part of the page that changes; the response varies on that header so no cache mixes them up.
    """

    filterset_class = None
    card_template = "includes/place_card.html"
    fragment_template_name = "includes/browse.html"
    count_text = None  # ngettext_lazy with %(n)s, set by each list
    map_title = _("These results")

    paginator_class = LazyPagePaginator

    def get_queryset(self):
        self.declare_shown_lists()
        published = LazyQuerySet(lambda: self.model.objects.published().for_list_page(), self.model)
        self.filterset = self.filterset_class(self.request.GET, queryset=published, request=self.request)
        return self.lazy_results()

    def lazy_results(self):
        """The filtered queryset, built when its rows are read (a page with its parts kept reads none); and the
        page's kept parts looked up, the facet counts with them (one round trip for the tags' versions, one
        get_many for all)."""
        self.kept = kept_parts(self.kept_part_keys(), self.kept_part_tags(), shared=("facet counts",))
        if self.kept.keys is not None and settings.FACET_CACHE_ENABLED:
            self.filterset.keep_counts = partial(self.kept.value, "facet counts")
        return LazyQuerySet(lambda: self.filterset.qs, self.model)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # Counted with the facets (one query, kept per version of the list's tags), not by a COUNT of its own.
        paginator.count = self.filterset.result_count()
        return paginator

    def is_fragment_request(self):
        return self.request.headers.get(FRAGMENT_HEADER) == FRAGMENT_HEADER_VALUE

    def get_template_names(self):
        if self.is_fragment_request():
            return [self.fragment_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = context["paginator"].count
        object_list = context["object_list"]  # a page of a queryset, read only when a part is rendered
        context.update(
            kept_parts=self.kept,
            filterset=self.filterset,
            # Lazy: only the filter form reads them, and a kept form does not (the map reads the page's rows).
            facet_groups=SimpleLazyObject(self.filterset.facet_groups),
            chips=self.filterset.chips(),
            clear_url=self.filterset.clear_url(),
            filter_problems=self.filterset.problems(),
            seasons_not_known=self.filterset.seasons_not_known(),
            active_filter_count=self.filterset.active_count,
            search_query=self.filterset.cleaned_data.get("q", ""),
            current_sort=self.filterset.cleaned_data.get("sort") or "",
            sort_choices=self.filterset.sort_choices,
            result_count=count,
            result_count_text=self.count_text % {"n": count},
            card_template=self.card_template,
            nearby=self.filterset.nearby_form(),
            map=SimpleLazyObject(partial(self.get_list_map, object_list)),
            geojson_url=self.geojson_url,
            chosen_county=self.chosen_county(),
        )
        return context

    def kept_part_keys(self):
        """{part of browse.html: what it shows besides the rows of the declared tags}: the list, its address, its
        cleaned filters (the sort order and `near` too; never the raw query string, so stray parameters share the
        form) and the day; the results also their page (as asked: a page that does not exist is a 404 before any
        part is rendered) and the map data's address (the raw query's, in the map). The facet counts as before
        (filters.py's facet_cache_key: the filters but the sort order, and the day), for every language."""
        self.geojson_url = self.get_geojson_url()
        filters = sorted((name, repr(value)) for name, value in self.filterset.cleaned_data.items())
        list_name = f"{type(self).__module__}.{type(self).__qualname__}"
        # The media and static addresses too: the cards' photos and the map's scripts are written with them.
        shown = (list_name, self.request.path, filters, str(clock.today()), settings.MEDIA_URL, settings.STATIC_URL)
        page = (str(self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1), self.paginate_by)
        return {
            "form": shown,
            "results": (*shown, page, self.geojson_url),
            "first names": (*shown, page),
            "stays": shown,
            "facet counts": self.filterset.facet_cache_key(),
        }

    def kept_part_tags(self):
        """What the kept parts show, as the page declares it to the page cache (ShowsListsMixin), and the places'
        lists when `near` names one (its position moves the distances), the county's when one is chosen."""
        tags = [*shown_list_tags(self.model), *list_tags(self.shows_lists)]
        if self.filterset.cleaned_data.get("q"):
            tags.append(text_tag(self.model))
        if self.filterset.cleaned_data.get("near"):
            tags.extend(list_tags(kinds.place_models()))
        chosen = self.filterset.cleaned_data.get("county") or []
        tags.extend(county_tag(region.pk) for region in self.filterset.regions if region.slug in chosen)
        return tags

    def kept_value(self, name, compute):
        """A value kept with the page's parts (sharing's list metadata keeps its first names so)."""
        kept = getattr(self, "kept", None)
        return kept.value(name, compute) if kept is not None else compute()

    def chosen_county(self):
        """When the list is filtered by exactly one county: that county (its page is a link away) and, on a list of
        attractions or villages, how many places to stay it has; None otherwise."""
        slugs = self.filterset.cleaned_data.get("county") or []
        if len(slugs) != 1:
            return None
        region = next((region for region in self.filterset.regions if region.slug == slugs[0]), None)
        if region is None:
            return None
        kind = kinds.kind_of(self.model)
        stays = (
            self.kept_value("stays", partial(kinds.places_to_stay_count, region))
            if kind is not None and kind.is_place
            else None
        )
        if stays is not None:
            depends_on(county_tag(region.pk))  # the count moves with a place to stay saved in that county
        return {"region": region, "stays": stays}

    def get_geojson_url(self):
        """Where map.js reads every result of these filters, for the kinds that serve map data (ports do not: their
        map is the page's own, and asking for one made a 404 in every visitor's console)."""
        namespace = self.request.resolver_match.namespace if self.request.resolver_match else ""
        try:
            reverse(f"{namespace}:geojson")
        except NoReverseMatch:
            return ""
        return f"{self.request.path}map.geojson?{self.request.GET.urlencode()}"

    def get_map_title(self):
        """ "These results" once a filter or search narrows the list; the whole list is named by what it lists
        (a map of every attraction is not a search result)."""
        if self.filterset.active_count:
            return self.map_title
        return self.model._meta.verbose_name_plural

    def get_list_map(self, items):
        """The map of this page's results (lists whose items have no position return None)."""
        return list_map(self.get_map_title(), self.filterset.regions, items)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, [FRAGMENT_HEADER])
        return response


class PublishedDetailView(DetailView):
    """A published listing's page; drafts are a 404 for visitors, an old slug a 301 to the current address.

    Declares to the page cache the listing's tag, those of the listings it points to (an event's place, a stay's
    village) and `shows_lists`, the app labels of the kinds it draws from beyond those (what lies near it).
    """

    shows_lists = ()

    def page_dependencies(self):
        """The tags of what the page shows: declared to the page cache (and its kept parts are kept by them)."""
        return [listing_tag(self.object), *linked_listing_tags(self.object), *list_tags(self.shows_lists)]

    def get_context_data(self, **kwargs):
        depends_on(*self.page_dependencies())
        return super().get_context_data(**kwargs)

    def get_queryset(self):
        return self.model.objects.published().for_detail_page()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # Only a miss asks for old slugs: a page found at its address costs no extra query.
            moved = SlugRedirect.objects.moved_listing(self.model, kwargs.get("slug"))
            if moved is None:
                raise
            # The same view (page, GPX, calendar…) in the same language, at the listing's current slug.
            url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": moved.slug})
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # One view of this listing, counted on the way out (page_views.py, dashboard.middleware) even when later
        # served from the page cache; a staff preview of a draft is not one. GPX and calendar files render their own
        # response.
        if self.object.is_published:
            mark_view(response, self.object)
        return response


class FilteredGeoJSONView(ShowsListsMixin, RateLimitMixin, View):
    """The results of a list, with the same filters as its page, as GeoJSON for the list's map."""

    model = None
    filterset_class = None
    max_features = 2000
    rate_limit_group = "map-data"

    def get_queryset(self):
        return self.model.objects.published().for_map()

    def get(self, request, *args, **kwargs):
        self.declare_shown_lists()
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        items = self.map_items(filterset.qs[: self.max_features])
        features = [geojson_feature(item, filterset.regions) for item in items]
        response = JsonResponse({"type": "FeatureCollection", "features": features})
        response["Content-Type"] = "application/geo+json"
        return response

    def map_items(self, queryset):
        """What geojson_feature() makes a feature of: here the listings themselves."""
        return queryset


class PlaceGeoJSONView(FilteredGeoJSONView):
    """The map data of attractions or villages: up to 2,000 points, read as MapPoints (no model instances)."""

    def map_items(self, queryset):
        return queryset.map_points()


NEARBY_COUNT = 6


def places_around(model, place):
    return list(model.objects.published().for_map().around(place, DEFAULT_NEARBY_RADIUS_KM, NEARBY_COUNT))


def section_tags():
    """What other apps' sections show on a listing's page: a place section's app (it is named after it), the apps of
    the tables a page section reads (the border-area notes: ports)."""
    apps_shown = [section.name for section in kinds.place_sections()]
    apps_shown += [label.split(".")[0] for section in kinds.page_sections() for label in section.reads]
    return list_tags(dict.fromkeys(apps_shown))


class KeptListingMixin:
    """A detail view whose listing (with what its page prefetches) comes from the cache under its state, and whose
    page's parts (`{% keep_part %}` in its template, listings/fragments.py kept_parts) and the rows they show are kept
    under the versions of the tags of what they show: with every part in the cache, a miss costs one query and two
    round trips to the cache, and no section is asked for."""

    # The listing's queryset reads rows its state does not follow (a tour's stops' places): it is kept by the
    # versions of those kinds' lists too.
    listing_kept_with_lists = ()
    # The page's tags are those of the listing's own row (no prefetched rows: not a tour's stops): when all its
    # parts are in the cache, the row read with its state is all the page needs.
    tags_from_the_row = False
    kept = None  # the page's kept parts, when get_object() looked for them

    def get_object(self, queryset=None):
        """A published listing from the cache, kept under its state (listing_head(): one query), or its bare row
        when every part of its page is in the cache; a draft (a staff preview), an old slug or the cache turned
        off: as before, and a draft is never kept."""
        sql = self.listing_head_sql() if queryset is None and settings.FRAGMENT_CACHE_ENABLED else None
        if sql is not None:
            head = listing_head(self.model, self.kwargs.get(self.slug_url_kwarg), sql)
            if head is not None and head.status == Status.PUBLISHED:
                if self.tags_from_the_row:
                    self.object = head.bare(self.model)
                    if self.find_kept_parts().all_found():
                        return self.object
                return cached_listing(self.get_queryset(), head, tags=list_tags(self.listing_kept_with_lists))
        return super().get_object(queryset)

    def listing_head_sql(self):
        """listing_head()'s SQL for this view's queryset (its prefetches), made once per view class: building the
        queryset on every request cost a tour's page a tenth of its CPU."""
        view = type(self)
        if "_kept_head_sql" not in view.__dict__:  # a subclass has a queryset of its own
            view._kept_head_sql = head_sql(self.get_queryset())
        return view._kept_head_sql

    def part_tags(self):
        """{name: tags} of the template's kept parts and of `seo` (what the page says about itself: sharing.views):
        by default one part, `page`, showing all the page shows."""
        everything = self.page_dependencies()
        return {"page": everything, "seo": everything}

    def find_kept_parts(self):
        """The page's KeptParts (none for a staff preview of a draft: never kept, never served from the cache), under
        the listing, its template, the site's address (the share link), the day and the media and static addresses."""
        if self.kept is None:
            self.kept = KeptParts()
            if self.object.is_published:
                listing = (
                    self.object._meta.label,
                    self.object.pk,
                    self.get_template_names()[0],
                    f"{self.request.scheme}://{self.request.get_host()}",
                    str(clock.today()),
                    settings.MEDIA_URL,
                    settings.STATIC_URL,
                )
                tags = self.part_tags()
                self.kept = kept_parts(dict.fromkeys(tags, listing), tags)
        return self.kept

    def kept_section_rows(self, queries):
        """{name: value} for {name: (key parts, compute)}: each kept under the versions of the page's tags
        (cached_parts_by_tags), one round trip for all; a draft's preview computes them."""
        if not self.object.is_published:
            return {name: compute() for name, (_key, compute) in queries.items()}
        tags = self.page_dependencies()
        return cached_parts_by_tags({name: (key, tags, compute) for name, (key, compute) in queries.items()})


class PlaceDetailView(KeptListingMixin, PublishedDetailView):
    """An attraction's or a village's page: the place, what lies near it, its map, and what other apps show of it
    (its tours, its events: kinds.register_place_section)."""

    tags_from_the_row = True

    def page_dependencies(self):
        # What lies near it may be any place (coarse, but a place moving into the radius shows).
        return [*super().page_dependencies(), *list_tags(kinds.place_models()), *section_tags()]

    def part_tags(self):
        """Its own part (texts, photos, facts box, border notes) and what it says about itself show no other place:
        an edit of one leaves them."""
        places = set(list_tags(kinds.place_models()))
        everything = self.page_dependencies()
        own = [tag for tag in everything if tag not in places]
        return {"own": own, "around": everything, "seo": own}

    def get_context_data(self, **kwargs):
        place, today = self.object, clock.today()
        parts = self.find_kept_parts()
        if parts.all_found():
            return super().get_context_data(kept_parts=parts, today=today, **kwargs)
        nearby = {}
        # What lies near it, and what lies in its county at an unknown distance (stand-ins, or every other place
        # when this one is one): one query per kind, a name, a link and the distance (or none) each. Kept under
        # the versions of the page's tags, as all its rows below (building those queries cost a fifth of the page).
        place_kinds = kinds.place_kinds()
        where = (place._meta.label, place.pk, place.latitude, place.longitude, place.position_is_approximate)
        queries = {
            f"around-{kind.name}": (
                (*where, place.region_id, DEFAULT_NEARBY_RADIUS_KM, NEARBY_COUNT),
                partial(places_around, kind.model, place),  # built only on a miss: building is the cost
            )
            for kind in place_kinds
        }
        # The counties of its map.
        queries["regions"] = ((), partial(list, Region.objects.along_corridor()))
        # The sections of other apps that say which tables they read (all of them: its tours, events, stays, hubs,
        # border-area notes), kept the same way, by the place and the day; one that does not say is asked each time.
        kept = [section for section in kinds.place_sections() + kinds.page_sections() if section.reads]
        for section in kept:
            queries[f"section-{section.name}"] = (
                (*where, place.region_id, str(today)),
                partial(section.context, place, today),
            )
        # A staff preview of a draft is never kept nor served from the cache.
        rows = self.kept_section_rows(queries)
        for kind in place_kinds:
            nearby[f"nearby_{kind.name}"], nearby[f"in_county_{kind.name}"] = split_around(rows[f"around-{kind.name}"])
        sections = {}
        for section in kinds.place_sections() + kinds.page_sections():
            sections.update(rows[f"section-{section.name}"] if section.reads else section.context(place, today))
        # The facts box under the title: from what the page reads anyway (no query of its own).
        essentials = place_essentials(
            place,
            today,
            group_facts(place.facts.all(), today),
            sections.get("nearest_hubs", []),
            sections.get("border_notes", []),
        )
        return super().get_context_data(
            **nearby,
            **sections,
            essentials=essentials,
            map=place_map(place, rows["regions"]),
            today=today,
            nearby_radius_km=DEFAULT_NEARBY_RADIUS_KM,
            kept_parts=parts,
            **kwargs,
        )
