"""The pages that belong to the whole corridor: home and search across all listings."""

from django.db.models import Count, Q
from django.utils import timezone
from django.views.generic import TemplateView

from attractions.models import Attraction
from routes.models import Route
from villages.models import Village

from .models import Region, Season, Status


class HomeView(TemplateView):
    """What the corridor is, its Border Tours, its counties in order and what is good now."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        season = Season.for_month(timezone.localdate().month)
        published = Q(status=Status.PUBLISHED)
        regions = Region.objects.along_corridor().annotate(
            attraction_count=Count("attraction", filter=Q(attraction__status=Status.PUBLISHED), distinct=True),
            village_count=Count("village", filter=Q(village__status=Status.PUBLISHED), distinct=True),
        )
        return super().get_context_data(
            season=season,
            season_label=Season(season).label,
            featured_routes=Route.objects.published().for_list_page()[:4],
            regions=regions,
            seasonal_attractions=Attraction.objects.published()
            .filter(best_seasons__contains=[season])
            .for_list_page()
            .along_corridor()[:6],
            total_attractions=Attraction.objects.filter(published).count(),
            total_villages=Village.objects.filter(published).count(),
            **kwargs,
        )


class SearchView(TemplateView):
    """One search box over attractions, villages and Border Tours."""

    template_name = "search.html"
    results_per_kind = 20

    def get_context_data(self, **kwargs):
        from .search import search_everything

        query = self.request.GET.get("q", "")
        results = search_everything(query, limit=self.results_per_kind)
        return super().get_context_data(query=results.query, results=results, **kwargs)
