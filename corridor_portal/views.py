"""The pages that belong to the whole corridor: home and search across all listings."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import static
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from attractions.models import Attraction
from routes.models import Route
from villages.models import Village

from .maps import corridor_map
from .models import Region, Season, Status
from .search import search_everything


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
            map=corridor_map(
                _("The G331 in Jilin"),
                regions,
                [*Attraction.objects.published().select_related("region"), *Village.objects.published()],
            ),
            **kwargs,
        )


class SearchView(TemplateView):
    """One search box over attractions, villages and Border Tours."""

    template_name = "search.html"
    results_per_kind = 20

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        results = search_everything(query, limit=self.results_per_kind)
        return super().get_context_data(query=results.query, results=results, **kwargs)


# Uploaded photos as `make run` serves them (in production nginx does, see the README). Only image
# files, each with its own content type, never sniffed and never run as a page or a script.
MEDIA_CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


@require_safe
def serve_media(request, path):
    """A photo or rendition from MEDIA_ROOT, with headers that keep it an image."""
    content_type = MEDIA_CONTENT_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None:
        raise Http404
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
