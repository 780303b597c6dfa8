from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from dashboard.views import PrivacyView
from pages.sitemaps import CountySitemap
from pages.views import CountyView, HomeView, SearchView
from photos.views import serve_media
from routes.feeds import NewRoutesFeed
from sharing.feeds import NewListingsFeed
from sharing.sitemaps import sitemap_sections
from sharing.views import preview_image, preview_site, robots_txt
from staff.sessions import admin_session
from staff.views import my_settings
from trips.views import ManifestView, OfflineView, ServiceWorkerView

from .errors import healthz, readyz
from .ratelimit import rate_limit

# The sections of the sitemap: the list pages, then each kind of listing in it (listings.kinds), then the counties.
SITEMAPS = {**sitemap_sections(), "counties": CountySitemap}

urlpatterns = [
    # Login attempts per client address are limited before the admin sees them (django-axes, if
    # installed, adds the per-account lockout on top).
    path("admin/login/", rate_limit("admin-login", methods=("POST",))(admin.site.login)),
    # The staff dashboard (dashboard/), inside the admin; before admin.site.urls, which would 404 it.
    path("admin/dashboard/", include("dashboard.urls")),
    # How long the staff session has left, and its renewal (static/js/admin-session.js).
    path("admin/session/", admin_session, name="admin_session"),
    # Each staff member's own settings: the admin's language (staff/languages.py).
    path("admin/my-settings/", admin.site.admin_view(my_settings), name="staff_my_settings"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # The service worker at the root, so it may look after every page in every language (trips/, offline trips).
    path("sw.js", ServiceWorkerView.as_view(), name="service_worker"),
    # For search engines: what to crawl, and every page in every language (an index of sections).
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="media")]

if settings.BENCH:  # `make bench` only: the minimal page every page is compared with
    from pages.bench_views import MinimalView

    urlpatterns += [path("bench/minimal/", MinimalView.as_view(), name="bench_minimal")]

# Chinese pages have no prefix; /en/, /ko/ and /ru/ hold the other languages.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("counties/<slug:slug>/", CountyView.as_view(), name="county"),
    # Link previews (1200 × 630) and the Atom feeds, in the language of the prefix.
    path("preview/corridor.jpg", preview_site, name="preview_site"),
    path("preview/<slug:kind>/<slug:slug>.jpg", preview_image, name="preview_image"),
    path("feeds/listings.atom", NewListingsFeed(), name="feed_listings"),
    path("feeds/border-tours.atom", NewRoutesFeed(), name="feed_routes"),
    path("attractions/", include("attractions.urls")),
    path("villages/", include("villages.urls")),
    path("routes/", include("routes.urls")),
    path("ports/", include("ports.urls")),
    path("events/", include("events.urls")),
    path("stays/", include("stays.urls")),
    path("", include("advice.urls")),  # /before-you-go/ and /practical/
    path("getting-there/", include("hubs.urls")),
    path("privacy/", PrivacyView.as_view(), name="privacy"),
    path("report/", include("reports.urls")),
    path("api/", include("api.urls")),
    # My trip (kept on the device, shared by its address), the web app's manifest and its offline page.
    path("trip/", include("trips.urls")),
    path("offline/", OfflineView.as_view(), name="offline"),
    path("manifest.webmanifest", ManifestView.as_view(), name="manifest"),
    prefix_default_language=False,
)

if settings.BENCH:  # `make bench` only: what every page pays for its header, footer and language links
    from pages.bench_views import ShellView

    urlpatterns += i18n_patterns(
        path("bench/shell/", ShellView.as_view(), name="bench_shell"), prefix_default_language=False
    )

handler400 = "corridor_portal.errors.bad_request"
handler403 = "corridor_portal.errors.permission_denied"
handler404 = "corridor_portal.errors.page_not_found"
handler500 = "corridor_portal.errors.server_error"
