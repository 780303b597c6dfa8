"""The pages that belong to the whole corridor: home and search across all listings."""

import functools

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from attractions.models import Attraction
from corridor_portal import clock
from corridor_portal.ratelimit import RateLimitMixin
from events.models import Event
from hubs.models import TransportHub
from listings.cachetags import county_tag, depends_on, shown_list_tags
from listings.fragments import cached_parts_by_tags, kept_parts
from listings.i18n import text_and_language
from listings.maps import build_map, corridor_map, place_marker
from listings.models import Region, Season, Theme
from listings.search import clean_query
from ports.models import PortOfEntry
from routes.models import Route
from sharing import seo
from villages.models import Village

from .counties import COUNTY_SHOWS, county_shelves, nearest_hubs
from .search import declare_searched_lists, search_everything


def published_count_in_region(model):
    """The number of published `model` rows in each region, as a subquery."""
    rows = model.objects.published().filter(region=OuterRef("pk")).order_by().values("region")
    # COUNT(*), not COUNT(id): the (status, region) index answers it alone (an index-only scan), without
    # reading the rows.
    return Coalesce(Subquery(rows.annotate(n=Count("*")).values("n")), 0)


# What the home page draws from (its counties come with every page's `site`): see corridor_portal/cache.py.
HOME_SHOWS = (Attraction, Village, Route, PortOfEntry, Event, TransportHub)
# The kind of place the home page's picture shows in each season: snow in winter, the villages in spring, the
# mountains and lakes in summer and autumn.
HERO_THEME = {
    Season.WINTER: Theme.WINTER,
    Season.SPRING: Theme.ETHNIC,
    Season.SUMMER: Theme.NATURAL,
    Season.AUTUMN: Theme.NATURAL,
}

# The first way in: whole sentences, not a season's name inside one (Russian and Korean inflect it).
PLAN_THIS_SEASON = {
    Season.WINTER: _("Plan a winter trip"),
    Season.SPRING: _("Plan a spring trip"),
    Season.SUMMER: _("Plan a summer trip"),
    Season.AUTUMN: _("Plan an autumn trip"),
}


class HomeView(TemplateView):
    """The corridor in one picture and three ways in, its Border Tours, what's on, its counties in order and what
    is good now."""

    template_name = "home.html"
    map_attractions = 150
    map_villages = 60

    def get_context_data(self, **kwargs):
        depends_on(*(tag for model in HOME_SHOWS for tag in shown_list_tags(model)))
        today = clock.today()
        season = Season.for_month(today.month)
        context = super().get_context_data(
            seo=seo.home_page(self.request),
            today=today,
            season=season,
            season_label=Season(season).label,
            plan_this_season=PLAN_THIS_SEASON[season],
            **kwargs,
        )
        regions = functools.cache(lambda: list(home_regions()))  # read once by the parts that show the counties

        def rendered(name, values):
            def render():
                context.update(values())
                text = render_to_string(f"home/{name}.html", context, self.request)
                return text.removesuffix("\n")  # the file's last newline: the skeleton has its own

            return render

        # Each part of the page kept rendered under the day (the season, what's on, the crossings' checks), the
        # language and the versions of the tags of what it shows (listings.fragments.cached_parts_by_tags): a saved
        # tour renders the tours again, not the counties, the events or the map. One round trip for the versions,
        # one get_many; a part's queries run only when it is rendered (its cards still from their own cache).
        def lists(*models):
            return [tag for model in models for tag in shown_list_tags(model)]

        day = (str(today), settings.MEDIA_URL)
        parts = {
            "hero": (day, lists(Attraction, Village), lambda: self.hero(season, regions())),
            "ways_in": (day, lists(PortOfEntry), lambda: {"border_lines": border_lines(today)}),
            "tours": (day, lists(Route), lambda: {"featured_routes": featured_routes()}),
            "events": (day, lists(Event), lambda: {"events_this_month": events_this_month(today)}),
            "counties": (
                (*day, settings.MAP_TILE_URL),
                lists(Attraction, Village, TransportHub),
                lambda: self.counties(regions()),
            ),
            "seasonal": (day, lists(Attraction), lambda: {"seasonal_attractions": seasonal_attractions(season)}),
        }
        kept = cached_parts_by_tags(
            {name: (key, tags, rendered(name, values)) for name, (key, tags, values) in parts.items()}
        )
        context["parts"] = {name: mark_safe(text) for name, text in kept.items()}  # noqa: S308 - rendered templates
        context["home_content"] = render_to_string(HOME_CONTENT_TEMPLATE, context)
        return context

    def hero(self, season, regions):
        return {
            "hero_photo": Attraction.objects.published().cover_of_season(season, HERO_THEME[season]),
            # Every listing lies in a county: the totals are the counties' sums, not two more counts.
            "total_attractions": sum(region.attraction_count for region in regions),
            "total_villages": sum(region.village_count for region in regions),
        }

    def counties(self, regions):
        return {
            "regions": regions,
            "map": corridor_map(
                _("The G331 in Jilin"),
                regions,
                # At most a few hundred markers (the highest-rated first): the page must not grow with the tables.
                [
                    *Attraction.objects.published().best_rated_first()[: self.map_attractions].map_points(),
                    *Village.objects.published().order_by("pk")[: self.map_villages].map_points(),
                ],
            ),
        }


HOME_CONTENT_TEMPLATE = "includes/home_content.html"


def home_regions():
    """The counties in road order, each with its published attractions and villages counted and the airports and
    stations in it. One subquery per kind, not COUNT(DISTINCT) over two joins: that multiplies attractions by
    villages."""
    hubs_here = Prefetch(
        "transport_hubs", TransportHub.objects.published().without_long_texts().by_kind(), to_attr="hubs_here"
    )
    return (
        Region.objects.along_corridor()
        .annotate(
            attraction_count=published_count_in_region(Attraction),
            village_count=published_count_in_region(Village),
        )
        .prefetch_related(hubs_here)
    )


def border_lines(today):
    return PortOfEntry.objects.published().for_list_page().border_lines(today)


def featured_routes():
    return Route.objects.published().for_list_page()[:4]


def seasonal_attractions(season):
    return Attraction.objects.published().filter(best_seasons__contains=[season]).for_list_page().best_rated_first()[:6]


def events_this_month(today):
    return (
        Event.objects.published()
        .coming(today)
        .in_month(today.year, today.month, today)
        .for_list_page()
        .in_date_order(today)[:6]
    )


class SearchView(RateLimitMixin, TemplateView):
    """One search box over attractions, villages and Border Tours."""

    template_name = "search.html"
    rate_limit_group = "search"
    results_per_kind = 20

    def get_context_data(self, **kwargs):
        raw_query = self.request.GET.get("q", "")
        query = clean_query(raw_query)
        today = clock.today()
        kept = None
        if query:
            # The rendered results kept under the cleaned query, the day, the address and the versions of the tags
            # the page declares (the searched lists): a search asked again renders none of its cards.
            tags = declare_searched_lists(today)
            kept = kept_parts({"results": (query, self.results_per_kind, str(today), self.request.path)}, tags)
        # Searched only when the results are rendered (not kept).
        results = SimpleLazyObject(functools.partial(search_everything, raw_query, self.results_per_kind, today))
        return super().get_context_data(
            query=query,
            results=results,
            kept_parts=kept,
            today=today,
            seo=seo.search_page(self.request, query),
            **kwargs,
        )


# How wide a county's map is at least, in degrees: a county and its neighbours.
COUNTY_VIEW_DEG = 1.2


class CountyView(DetailView):
    """A county's page: its name and description, what the portal holds there (attractions, villages, Border Tours,
    events, ports, places to stay) and the airports and stations nearest it, with straight-line distances measured
    only from its exactly placed places."""

    model = Region
    template_name = "pages/county.html"
    context_object_name = "region"

    def get_context_data(self, **kwargs):
        region, today = self.object, clock.today()
        depends_on(county_tag(region.pk), *(tag for model in COUNTY_SHOWS for tag in shown_list_tags(model)))
        shelves = county_shelves(region, today)
        hubs, measured = nearest_hubs(region)
        language = get_language()
        name = text_and_language(region, "name")[0]
        summary, summary_language = text_and_language(region, "summary")
        if summary_language != language:
            summary = ""  # the description says it in the page's language rather than fall back
        places = [place for found in shelves if found.key in ("attractions", "villages") for place in found.items]
        return super().get_context_data(
            shelves=shelves,
            nearest_hubs=hubs,
            hubs_measured=measured,
            # Its places on the corridor's map, closed in on them; a county with none has no map.
            map=build_map(
                name,
                Region.objects.along_corridor(),
                [place_marker(place) for place in places],
                zoom_to_markers_deg=COUNTY_VIEW_DEG,
            )
            if places
            else None,
            today=today,
            seo=seo.build(
                self.request,
                title=name,
                description=summary
                or gettext("%(county)s on the G331: attractions, border villages, Border Tours and how to get there.")
                % {"county": name},
                canonical_path=region.get_absolute_url(),
                image_path=reverse("preview_site"),
            ),
            **kwargs,
        )
