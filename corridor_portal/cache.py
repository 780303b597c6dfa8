"""The page cache: anonymous visitors' pages served from the shared cache (Redis), fresh after every edit.

What is stored: the answer to an anonymous GET (every language, every filter combination, the list
fragments that static/js/filters.js asks for) — status 200, no cookie set, not marked private, no-store
or no-cache, no CSRF token in it. What is never stored nor served from the cache: requests carrying a
session cookie (staff, their previews of drafts), the admin, the health checks, media files.

Freshness is by invalidation, not by waiting: every cached page is tagged with the *content version*,
a counter in the shared cache that `bump_content_version()` increments (atomically, Redis INCR) whenever
a listing, photo, route, county, port, event or note is saved or deleted (`connect_invalidation()`,
from CorridorPortalConfig.ready). A page whose version is not the current one is a miss, in every worker
of every server, at once. The timeout (PAGE_CACHE_SECONDS) only frees memory.

One round trip per hit: the version and the page are read together (MGET).
"""

import contextlib
import functools
import hashlib
import logging
import os
import re
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils.cache import get_max_age, set_response_etag

from . import clock

logger = logging.getLogger("corridor_portal.cache")

VERSION_KEY = "page-cache:version"
PAGE_KEY_PREFIX = "page-cache:page:"
CACHE_STATUS_HEADER = "X-Page-Cache"
FRAGMENT_HEADER = "HTTP_X_REQUESTED_WITH"

# The models whose rows appear on public pages: saving or deleting any of them (or changing one of
# their many-to-many links) bumps the content version. Signals, not the admin's save_model(): the
# pages must also change after imports, management commands and the shell.
CONTENT_MODELS = (
    "corridor_portal.Region",
    "corridor_portal.Source",
    "corridor_portal.SlugRedirect",
    "attractions.Attraction",
    "attractions.AttractionPhoto",
    "attractions.AttractionFact",
    "villages.Village",
    "villages.VillagePhoto",
    "villages.Festival",
    "villages.VillageFact",
    "routes.Route",
    "routes.RouteDay",
    "routes.RouteStop",
    "routes.RoutePhoto",
    "ports.PortOfEntry",
    "ports.BorderNote",
    "ports.PortFact",
    "events.Event",
    "stays.Stay",
    "stays.StayPhoto",
    "advice.TravelRule",
    "hubs.TransportHub",
)

# The response may vary on these request headers and still be cached: the language comes from the
# path, the session and CSRF cookies keep a request out of the cache, the fragment header is in the key.
HARMLESS_VARY = {"accept-language", "cookie", "x-requested-with"}
# Never stored, whatever the response says.
EXCLUDED_PATHS = re.compile(r"^/(admin/|healthz|readyz|media/|bench/|static/)")
MAX_BODY_BYTES = 2 * 1024 * 1024
# Headers each response gets fresh from the middleware around this one.
PER_REQUEST_HEADERS = {"x-request-id", "set-cookie", "date"}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_version(cache=None):
    """The content version, created when missing (after a Redis restart or eviction)."""
    cache = cache or page_cache()
    version = cache.get(VERSION_KEY)
    return version if version is not None else _create_version(cache)


def _create_version(cache):
    # Starts from the clock, never from 0: pages stored before an eviction of the counter can never
    # match a recreated one.
    cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
    return cache.get(VERSION_KEY)


def bump_content_version():
    """Make every cached page stale, everywhere. Atomic: Redis INCR."""
    cache = page_cache()
    try:
        try:
            return cache.incr(VERSION_KEY)
        except ValueError:  # no counter yet
            _create_version(cache)
            return cache.incr(VERSION_KEY)
    except Exception:
        # The cache is down: nothing is served from it either. Pages stored before may come back with
        # it, until their timeout; the log says so.
        logger.exception("could not bump the page cache version")
        return None


def content_changed(sender=None, **kwargs):
    """Signal receiver: bump now, and again once the transaction commits.

    Now, so a save outside a transaction (or in a test's) shows at once; after the commit, so a page
    rendered from the old rows between the bump and the commit is stale as soon as it is stored.
    """
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: only once the links have changed
    bump_content_version()
    if connection.in_atomic_block:
        transaction.on_commit(bump_content_version)


def connect_invalidation():
    """Connect content_changed to saves, deletes and link changes of CONTENT_MODELS, and to migrate."""
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        uid = f"page-cache-{label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(content_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")
    # A data migration may change any row without signals.
    post_migrate.connect(content_changed, dispatch_uid="page-cache-migrate")


FACET_KEY_PREFIX = "facet-counts:"


def cached_facet_counts(key, compute):
    """The facet counts of a list for one set of filters: `compute()` once per content version.

    Counting the options of every filter reads every matching row, so its cost grows with the table; the
    counts are the same for every language, sort order and page of that list, and they change only with the
    content, so they are kept under the content version like the pages (settings.FACET_CACHE_ENABLED; on
    even when the page cache is off). The version is read before counting: counts made from rows that
    changed meanwhile are stored under a version no request asks for any more.
    """
    if not settings.FACET_CACHE_ENABLED:
        return compute()
    cache = page_cache()
    try:
        version = current_version(cache)
        full_key = FACET_KEY_PREFIX + hashlib.sha256(f"{version}|{code_version()}|{key}".encode()).hexdigest()
        counts = cache.get(full_key)
    except Exception:
        return compute()  # the cache is down: count in the database
    if counts is None:
        counts = compute()
        with contextlib.suppress(Exception):  # not storing is always safe
            cache.set(full_key, counts, settings.PAGE_CACHE_SECONDS)
    return counts


CODE_SUFFIXES = (".py", ".html", ".mo", ".txt", ".xml")
SKIPPED_DIRS = {".git", ".venv", "media", "staticfiles", "node_modules", "backups", "test-artifacts", "tools"}


@functools.cache
def code_version():
    """A fingerprint of what renders the pages: code, templates, translations, the static manifest.

    Part of every key, so a deploy (new templates, new hashed CSS names) never serves pages rendered by
    the old code, without emptying the cache when a worker merely restarts (gunicorn's max_requests).
    """
    digest = hashlib.sha256()
    stack = [Path(settings.BASE_DIR)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIPPED_DIRS and not entry.name.startswith("."):
                        stack.append(Path(entry.path))
                elif entry.name.endswith(CODE_SUFFIXES):
                    info = entry.stat()
                    digest.update(f"{entry.path}:{info.st_size}:{info.st_mtime_ns}".encode())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def page_key(request):
    """The cache key of this request's page: scheme, host, full path with query, fragment or not.

    None when the host is not allowed (the rest of the stack answers 400).
    """
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    fragment = request.META.get(FRAGMENT_HEADER, "") == "fetch"
    kind = "fragment" if fragment else "page"
    # The day is part of the key: "this month", "open today" and "last held more than two years ago" change at
    # midnight in Beijing without any edit, so yesterday's copy must not be served today.
    raw = f"{code_version()}|{clock.today()}|{request.scheme}://{host}{request.get_full_path()}|{kind}"
    return PAGE_KEY_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def is_cacheable_request(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if EXCLUDED_PATHS.match(request.path_info):
        return False
    cookies = request.COOKIES
    # A session means a signed-in editor (or one who was): their pages may show drafts and their name.
    return not any(name in cookies for name in (settings.SESSION_COOKIE_NAME, "messages"))


def is_cacheable_response(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Content-Encoding"):
        return False
    # The page holds a CSRF token (a form): it is this visitor's own.
    if request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")) or get_max_age(response) == 0:
        return False
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    if vary - HARMLESS_VARY:
        return False
    return len(response.content) <= MAX_BODY_BYTES


class PageCacheMiddleware:
    """Serve anonymous GETs from the shared cache; store what may be shared. See the module docstring.

    Sits right after the request id and the conditional GET (settings.MIDDLEWARE): a hit skips everything
    else — security headers and CSP come stored with the page (they are the same for every visitor; the CSP
    has no nonce), the session, locale, CSRF and auth layers, the view — and still gets its own request id
    and its 304. The key holds the scheme, so a plain-http request never meets an https page: it goes on to
    SecurityMiddleware's redirect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        cache = page_cache()
        try:
            found = cache.get_many([VERSION_KEY, key])
        except Exception:
            return self.get_response(request)
        version = found.get(VERSION_KEY)
        if version is None:
            version = _create_version(cache)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            return self.response_from(entry)
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            self.store(cache, key, version, response)
            response[CACHE_STATUS_HEADER] = "miss"
        return response

    def store(self, cache, key, version, response):
        if not response.has_header("ETag"):
            set_response_etag(response)
        headers = [(name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS]
        # The version read *before* rendering: if content changed meanwhile, this entry is already stale.
        with contextlib.suppress(Exception):  # not storing is always safe
            cache.set(key, (version, response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)

    @staticmethod
    def response_from(entry):
        _version, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[CACHE_STATUS_HEADER] = "hit"
        return response
