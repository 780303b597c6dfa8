from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from .views import HomeView, SearchView

urlpatterns = [
    path("admin/", admin.site.urls),
]

# Chinese pages have no prefix; /en/, /ko/ and /ru/ hold the other languages.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("attractions/", include("attractions.urls")),
    path("villages/", include("villages.urls")),
    path("routes/", include("routes.urls")),
    prefix_default_language=False,
)
