from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from .views import HomeView, SearchView, serve_media

urlpatterns = [
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="media")]

# Chinese pages have no prefix; /en/, /ko/ and /ru/ hold the other languages.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("attractions/", include("attractions.urls")),
    path("villages/", include("villages.urls")),
    path("routes/", include("routes.urls")),
    prefix_default_language=False,
)
