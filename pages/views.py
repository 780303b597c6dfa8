"""The pages that belong to the whole corridor: home and search across all listings."""

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
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
from listings.fragments import cached_by_tags
from listings.i18n import text_and_language
from listings.maps import build_map, corridor_map, place_marker
from listings.models import Region, Season, Theme
from ports.models import PortOfEntry
from routes.models import Route
from sharing import seo
from villages.models import Village

from .counties import COUNTY_SHOWS, county_shelves, nearest_hubs
from .search import search_everything


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
        tags = [tag for model in HOME_SHOWS for tag in shown_list_tags(model)]
        depends_on(*tags)
        today = clock.today()
        context = super().get_context_data(seo=seo.home_page(self.request), today=today, **kwargs)

        def render_sections():
            context.update(self.sections(today))
            return render_to_string(HOME_CONTENT_TEMPLATE, context, self.request)

        # The page's content, rendered, kept under the day (the season, what's on, the crossings' checks), the
        # language and the versions of the tags the page declares: a save of anything it shows renders it again
        # (its cards still from their own cache); otherwise one round trip for the versions and one get, and none
        # of its nine queries.
        parts = (str(today), settings.MEDIA_URL, settings.MAP_TILE_URL)
        context["home_content"] = mark_safe(  # noqa: S308 - a rendered template, escaped when it was rendered
            cached_by_tags("home-content", parts, render_sections, tags)
        )
        return context

    def sections(self, today):
        """What the page's content shows on `today` (includes/home_content.html)."""
        season = Season.for_month(today.month)
        # One subquery per kind, not COUNT(DISTINCT) over two joins: that multiplies attractions by villages.
        # Each county names the airports and stations in it (the getting-there page has them all).
        regions = list(home_regions())
        return {
            "season": season,
            "season_label": Season(season).label,
            "hero_photo": Attraction.objects.published().cover_of_season(season, HERO_THEME[season]),
            "plan_this_season": PLAN_THIS_SEASON[season],
            "featured_routes": featured_routes(),
            "regions": regions,
            "seasonal_attractions": seasonal_attractions(season),
            # Every listing lies in a county: the totals are the counties' sums, not two more counts.
            "total_attractions": sum(region.attraction_count for region in regions),
            "total_villages": sum(region.village_count for region in regions),
            "map": corridor_map(
                _("The G331 in Jilin"),
                regions,
                # At most a few hundred markers (the highest-rated first): the page must not grow with the tables.
                [
                    *Attraction.objects.published().best_rated_first()[: self.map_attractions].map_points(),
                    *Village.objects.published().order_by("pk")[: self.map_villages].map_points(),
                ],
            ),
            "border_lines": PortOfEntry.objects.published().for_list_page().border_lines(today),
            "events_this_month": events_this_month(today),
        }


HOME_CONTENT_TEMPLATE = "includes/home_content.html"


def home_regions():
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
        query = self.request.GET.get("q", "")
        today = clock.today()
        results = search_everything(query, limit=self.results_per_kind, today=today)
        return super().get_context_data(
            query=results.query,
            results=results,
            today=today,
            seo=seo.search_page(self.request, results.query),
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
