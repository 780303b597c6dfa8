"""The page cache: anonymous visitors' pages served from the shared cache (Redis), fresh after every edit.

What is stored: the answer to an anonymous GET (every language, every filter combination, the list
fragments that static/js/filters.js asks for) — status 200, no cookie set, not marked private, no-store
or no-cache, no CSRF token in it. What is never stored nor served from the cache: requests carrying a
session cookie (staff, their previews of drafts: they never meet a stale copy either), the admin, the
health checks, media files. The key holds the code version (a deploy never serves the old code's pages)
and the day in Beijing ("this month", "open today" change at midnight without an edit).

Freshness is by invalidation *by what changed*, not by waiting. The design: **dependency tags with versions**.

- A tag names something pages show: `listing:attractions.attraction:12` (one listing's page and whatever
  renders it: a tour through it, its events), `list:attractions` (the set, order and cards of a kind: its
  lists, map data, search, home sections, feeds, the API), `text:attractions` (its long texts, the descriptions:
  what search, feeds, sitemaps and the API read beyond the cards), `county:3` (a county's pages), `site` (what every
  page shows: the counties, the sources) and `any` (see below). Each tag has a version in Redis: the time of
  its last change in milliseconds (Redis' clock), never going back.
- While a page renders, whatever renders it declares the tags it depends on with `depends_on()` (a
  request-scoped collector, a contextvar): the base list view its kind's list tag, the base detail view its
  listing's tag and those of the listings it links to, a place's page the lists of its nearby places and of
  each section other apps add, the home page and search the lists they draw from. The listing core builds the
  names (`listing_tag`, `list_tag`, `county_tag`); a new page declares what it shows in one line, e.g. a county
  page `depends_on(county_tag(region.pk), list_tag("attractions"))`.
- The stored entry carries {tag: version} for its tags as they were when it rendered. A hit is valid only while
  every one is still current: the page, the list of its tags' keys and their versions are read in ONE Redis
  round trip (a Lua script: GET page, GET its tag index, GET each tag). A hit still runs no query and no view.
- Saving or deleting a row of CONTENT_MODELS (signals: the admin, imports, commands and the shell alike) bumps
  exactly the tags it affects (`invalidation_tags()`): a listing's own `cache_tags()` (its tag, its kind's list
  and texts, `site` for a county or a source), the county it lies in, the listings it points to (an event at a
  place, a stay in a village: that place's page shows it), and for a row that belongs to a listing (a photo, a
  fact, a festival, a tour's day or stop) its listing's tags. A listing's save that changes only what its own
  page shows (its `page_only_fields()`, the descriptions: compared with the row read before the save) leaves its
  kind's list and its county alone: the edits of texts editors make all day do not empty the lists. A row moved
  from one county or place to another bumps the old one's tags too (read before the save). Bumped now and again
  once the transaction commits, so a page rendered from the old rows in between is stale as soon as it is stored.
- Correct before clever: a page that declares no tag depends on `any`, bumped by every save (the old
  behaviour). Every page that declares tags also depends on `site`. A page that renders while any save happens
  (the `any` version moved between its lookup and its store) is stored as already stale. Tags missing from
  Redis (a new Redis, an eviction) are created with the current time, so nothing stored before can match them.
  `bump_content_version()` (after a `bulk_create` or `update()`, which send no signals) bumps `site`: every page.

No stampede: when a page is stale, one request (the holder of a lock in Redis, SET NX with a timeout) has it
rendered again while the others get the stale copy (`X-Page-Cache: stale`) if its content changed no more than
PAGE_CACHE_STALE_SECONDS ago; the holder gets that copy too and the page is rendered after the answer, in a thread
of the process (refresh_later(); PAGE_CACHE_REFRESH_IN_BACKGROUND); if the copy is older, or there is none, they
wait for the holder's page (polling, up to PAGE_CACHE_WAIT_SECONDS) and then render it themselves. A response that
cannot be stored (a 404) frees the lock, and the waiters stop waiting. "Changed" is the latest change to any of its
tags (a version is the time of a tag's last change; the first change after the page was stored is not kept).

Not handled (as before the tags): with a streaming replica (corridor_portal/replica.py), a page rendered from a
replica that has not yet replayed an edit's commit can be stored as fresh with the old rows.

ETag/304 come from the stored page's ETag (ConditionalGetMiddleware, outside this one). The cache being down
never fails a request: the page renders as if there were no cache. The timeout (PAGE_CACHE_SECONDS) only
frees memory. docs/performance.md has the measurements.
"""

import contextlib
import contextvars
import copy
import functools
import hashlib
import logging
import os
import re
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import DisallowedHost
from django.db import close_old_connections, connection, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from django.http import HttpResponse
from django.utils.cache import get_max_age, set_response_etag
from redis.commands.core import Script

from . import clock

logger = logging.getLogger("corridor_portal.cache")

PAGE_KEY_PREFIX = "page-cache:page:"
TAG_KEY_PREFIX = "page-cache:tag:"
INDEX_SUFFIX = ":tags"  # the page's tags' keys, space-separated, beside the page (what the lookup script reads)
LOCK_SUFFIX = ":lock"
RENDERS_KEY = "page-cache:renders"  # how many pages were rendered and stored (the stampede test, the benchmark)
CACHE_STATUS_HEADER = "X-Page-Cache"
FRAGMENT_HEADER = "HTTP_X_REQUESTED_WITH"

ANY_TAG = "any"  # bumped by every save: what a page that declares no tag depends on
SITE_TAG = "site"  # what every page shows (the counties, the sources): on every page that declares tags
ANY_KEY = TAG_KEY_PREFIX + ANY_TAG

# The models whose rows appear on public pages: saving or deleting any of them (or changing one of
# their many-to-many links) bumps the tags they affect (invalidation_tags). Signals, not the admin's
# save_model(): the pages must also change after imports, management commands and the shell.
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
    "ports.CrossingRule",
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


# The tags: their names --------------------------------------------------------------------------------


def listing_tag(model_or_row, pk=None):
    """The tag of one listing (or any row): `listing:attractions.attraction:12`."""
    return f"listing:{model_or_row._meta.label_lower}:{model_or_row.pk if pk is None else pk}"


def list_tag(model_or_app_label):
    """The tag of a kind's set of rows and their cards: `list:attractions` (a model, a row or an app label)."""
    label = model_or_app_label if isinstance(model_or_app_label, str) else model_or_app_label._meta.app_label
    return f"list:{label}"


def text_tag(model_or_app_label):
    """The tag of a kind's long texts (`text:attractions`): what search, feeds, sitemaps and the API read of its
    rows beyond their cards. Bumped by every save of the kind; a save that changes only such texts bumps it and
    the listing's own tag, not the kind's lists."""
    label = model_or_app_label if isinstance(model_or_app_label, str) else model_or_app_label._meta.app_label
    return f"text:{label}"


def county_tag(region_id):
    """The tag of a county's pages: `county:3`; saving a listing that lies (or lay) in it bumps it."""
    return f"county:{region_id}"


# The tags a page depends on: collected while it renders --------------------------------------------------

_collected_tags = contextvars.ContextVar("page_cache_tags", default=None)


def depends_on(*tags):
    """Declare that the page being rendered shows what these tags name (nothing outside a page cache render)."""
    collected = _collected_tags.get()
    if collected is not None:
        collected.update(tag for tag in tags if tag)


@contextlib.contextmanager
def collecting_tags():
    """The set the views, querysets and templates add their tags to while the page renders."""
    collected = set()
    token = _collected_tags.set(collected)
    try:
        yield collected
    finally:
        _collected_tags.reset(token)


def page_tags(collected):
    """What a stored page depends on: what it declared and `site`; nothing declared: `any` (every save).

    Without whitespace: the page's index lists its tags' keys separated by spaces."""
    return sorted({"".join(tag.split()) for tag in collected} | {SITE_TAG}) if collected else [ANY_TAG]


def tag_key(tag):
    return TAG_KEY_PREFIX + tag


# The tags' versions in Redis --------------------------------------------------------------------------

# Versions are milliseconds of Redis' clock, one more than the last when two changes share one: never
# reused, so a tag evicted and created again can never match a page stored before.
BUMP_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, key in ipairs(KEYS) do
  local v = tonumber(redis.call('GET', key) or '')
  if v == nil or v < now then v = now else v = v + 1 end
  redis.call('SET', key, string.format('%d', v))
end
return string.format('%d', now)
"""

# The versions of these tags, created (as now) when missing.
VERSIONS_SCRIPT = """
local t = redis.call('TIME')
local now = string.format('%d', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
local out = {}
for i, key in ipairs(KEYS) do
  local v = redis.call('GET', key)
  if not v then redis.call('SET', key, now, 'NX'); v = redis.call('GET', key) end
  out[i] = v
end
return out
"""

# A hit in one round trip: the page, whether its lock is held, the `any` version, Redis' clock, then the
# current version of each of the page's tags (their keys are listed in its index, stored beside it).
LOOKUP_SCRIPT = """
local page = redis.call('GET', KEYS[1])
local t = redis.call('TIME')
local out = {page or false, redis.call('EXISTS', KEYS[3]), redis.call('GET', KEYS[4]) or false,
             string.format('%d', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))}
if page then
  local index = redis.call('GET', KEYS[2])
  if index then
    for key in string.gmatch(index, '%S+') do
      out[#out + 1] = redis.call('GET', key) or false
    end
  end
end
return out
"""

# The lock is freed by its holder only (a slow holder whose lock expired frees nobody else's).
UNLOCK_SCRIPT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def _redis(cache):
    """The raw Redis client behind a Django RedisCache, or None for another backend (local memory in development)."""
    return cache._cache.get_client(None, write=True) if isinstance(cache, RedisCache) else None


@functools.cache
def _script(source):
    """The script, its SHA1 computed once: EVALSHA, loaded into Redis again when Redis has forgotten it."""
    return Script(None, source.encode())


def _run(client, source, keys, args=()):
    return _script(source)(keys=keys, args=args, client=client)


def _as_version(value):
    return None if value is None or value is False else int(value)


def _now_ms():
    return int(time.time() * 1000)


def bump_tags(tags):
    """Make stale every page that depends on one of `tags` (and those that declare none: `any`)."""
    names = sorted({*tags, ANY_TAG})
    cache = page_cache()
    try:
        client = _redis(cache)
        keys = [cache.make_and_validate_key(tag_key(tag)) for tag in names]
        if client is not None:
            _run(client, BUMP_SCRIPT, keys)
            return
        # Another backend (one process, development): read and write, as monotonic as the one clock.
        now = _now_ms()
        current = cache.get_many([tag_key(tag) for tag in names])
        cache.set_many(
            {tag_key(tag): max(now, (current.get(tag_key(tag)) or 0) + 1) for tag in names},
            timeout=None,
        )
    except Exception:
        # The cache is down: nothing is served from it either. Pages stored before may come back with it, until
        # their timeout; the log says so.
        logger.exception("could not bump the page cache tags %s", names)


def tag_versions(cache, tags):
    """The current versions of `tags` (created when missing), in their order; one round trip."""
    client = _redis(cache)
    if client is not None:
        keys = [cache.make_and_validate_key(tag_key(tag)) for tag in tags]
        return [_as_version(value) for value in _run(client, VERSIONS_SCRIPT, keys)]
    found = cache.get_many([tag_key(tag) for tag in tags])
    missing = {tag_key(tag): _now_ms() for tag in tags if tag_key(tag) not in found}
    if missing:
        for key, value in missing.items():
            cache.add(key, value, timeout=None)
        found = cache.get_many([tag_key(tag) for tag in tags])
    return [found.get(tag_key(tag)) for tag in tags]


def current_version(cache=None):
    """The version of `any`: it moves with every save."""
    return tag_versions(cache or page_cache(), [ANY_TAG])[0]


def bump_content_version():
    """Make every cached page stale (every page depends on `site` or `any`): after writes that send no signals."""
    bump_tags([SITE_TAG])


# What a save makes stale ------------------------------------------------------------------------------

REGION_LABEL = "corridor_portal.region"
# Shown on every page (the counties in the header, home and every card; a source under any fact): `site`.
SITE_MODELS = {"corridor_portal.region", "corridor_portal.source"}


@functools.cache
def _content_models():
    return frozenset(apps.get_model(label) for label in CONTENT_MODELS)


def _foreign_keys(model):
    return [field for field in model._meta.concrete_fields if field.many_to_one and field.related_model is not None]


def invalidation_tags(row, changed=None):
    """The tags a change of `row` makes stale (beside `any`): see the module docstring.

    `changed`: the names of the fields the save changes, when known. A listing whose change is all in the
    fields only its own page shows (`page_only_fields()`: its long texts) leaves its kind's lists and its
    county's pages as they were: their cards do not show those fields."""
    if row._meta.label_lower in SITE_MODELS:
        return {SITE_TAG}
    declares = hasattr(row, "cache_tags")
    texts_only = declares and changed is not None and changed <= row.page_only_fields()
    tags = set(row.cache_tags(texts_only=texts_only)) if declares else set()
    for field in _foreign_keys(type(row)):
        target_id = getattr(row, field.attname)
        target = field.related_model
        if target_id is None:
            continue
        if target._meta.label_lower == REGION_LABEL:
            if not texts_only:
                tags.add(county_tag(target_id))
        elif declares or (hasattr(target, "cache_tags") and target._meta.app_label != row._meta.app_label):
            # A listing pointing at another (an event at a place, a stay in a village, a tour's stop at a
            # place): that one's page shows it.
            if hasattr(target, "cache_tags"):
                tags.add(listing_tag(target, target_id))
        elif target in _content_models():
            # A row that belongs to a listing (a photo, a fact, a festival, a tour's day or stop): what changes
            # the listing changes with it.
            owner = getattr(row, field.name, None)
            if owner is not None:
                tags |= invalidation_tags(owner)
    if not declares and not tags:
        tags.add(list_tag(row))  # a row of no declared kind: its app's pages
    return tags


def _old_values(row):
    """The row as the database still holds it, before this save: its links, and for a listing every field (to
    tell what the save changes); None for a new row."""
    if row._state.adding or row.pk is None:
        return None
    fields = type(row)._meta.concrete_fields if hasattr(row, "cache_tags") else _foreign_keys(type(row))
    if not fields:
        return None
    return type(row)._base_manager.filter(pk=row.pk).values(*(field.attname for field in fields)).first()


def _changed_fields(row, old_values):
    """The names of the fields this save changes; None when not known (a new row, a row that is no listing)."""
    if old_values is None or not hasattr(row, "cache_tags"):
        return None
    deferred = row.get_deferred_fields()  # not loaded, so not saved: reading them would cost a query each
    return {
        field.name
        for field in type(row)._meta.concrete_fields
        if field.attname in old_values
        and field.attname not in deferred
        and old_values[field.attname] != getattr(row, field.attname)
    }


def _old_tags(row, old_values):
    """The tags of the row as the database still holds it, when it is being moved (another county, place…)."""
    attnames = [field.attname for field in _foreign_keys(type(row))]
    if old_values is None or all(old_values[name] == getattr(row, name) for name in attnames):
        return set()
    old_values = {name: old_values[name] for name in attnames}
    old = copy.copy(row)
    old._state = copy.copy(row._state)
    old._state.fields_cache = {}
    for name, value in old_values.items():
        setattr(old, name, value)
    return invalidation_tags(old)


def _bump_now_and_after_commit(tags):
    bump_tags(tags)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: bump_tags(tags))


def remember_old_tags(sender, instance, raw=False, **kwargs):
    """pre_save: a listing moved to another county still leaves the old county's pages stale."""
    if raw:
        return
    try:
        old_values = _old_values(instance)
        instance._page_cache_old_tags = _old_tags(instance, old_values)
        instance._page_cache_changed = _changed_fields(instance, old_values)
    except Exception:
        logger.exception("could not read the old row of %r", instance)
        instance._page_cache_old_tags = {SITE_TAG}  # not knowing: every page
        instance._page_cache_changed = None


def _tags_or_every_page(row, changed=None):
    """invalidation_tags(row); if they cannot be read (a link gone, the database failing), every page: a save
    never fails because of the page cache."""
    try:
        return invalidation_tags(row, changed)
    except Exception:
        logger.exception("could not tell which pages show %r: all of them are made stale", row)
        return {SITE_TAG}


def remember_tags_before_delete(sender, instance, **kwargs):
    """pre_delete: what the row shows on, read while its links still exist."""
    instance._page_cache_old_tags = _tags_or_every_page(instance)


def content_changed(sender=None, instance=None, **kwargs):
    """Signal receiver: bump the tags the change affects now, and again once the transaction commits.

    Now, so a save outside a transaction (or in a test's) shows at once; after the commit, so a page
    rendered from the old rows between the bump and the commit is stale as soon as it is stored.
    """
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: only once the links have changed
    if instance is None:  # post_migrate: a data migration may change any row without signals
        tags = {SITE_TAG}
    elif kwargs.get("signal") is post_delete:
        tags = getattr(instance, "_page_cache_old_tags", None) or _tags_or_every_page(instance)
    elif action is not None or kwargs.get("created"):
        tags = _tags_or_every_page(instance) | getattr(instance, "_page_cache_old_tags", set())
    else:  # a save: what it changed, as read before it (remember_old_tags)
        changed = getattr(instance, "_page_cache_changed", None)
        tags = _tags_or_every_page(instance, changed) | getattr(instance, "_page_cache_old_tags", set())
    _bump_now_and_after_commit(tags)


def connect_invalidation():
    """Connect content_changed to saves, deletes and link changes of CONTENT_MODELS, and to migrate."""
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        uid = f"page-cache-{label}"
        pre_save.connect(remember_old_tags, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        pre_delete.connect(remember_tags_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(content_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")
    post_migrate.connect(_migrated, dispatch_uid="page-cache-migrate")


def _migrated(sender=None, **kwargs):
    bump_content_version()


FACET_KEY_PREFIX = "facet-counts:"


def cached_facet_counts(key, compute, tags=(ANY_TAG,)):
    """The facet counts of a list for one set of filters: `compute()` once per version of `tags`.

    Counting the options of every filter reads every matching row, so its cost grows with the table; the
    counts are the same for every language, sort order and page of that list, and they change only with the
    rows of the kinds they count (`tags`: the list's, with `site` added), so they are kept under those tags'
    versions like the pages (settings.FACET_CACHE_ENABLED; on even when the page cache is off). The versions
    are read before counting: counts made from rows that changed meanwhile are stored under versions no
    request asks for any more.
    """
    return kept_by_tag_versions(FACET_KEY_PREFIX, key, compute, tags, settings.FACET_CACHE_ENABLED)


def kept_by_tag_versions(prefix, key, compute, tags, enabled=True, timeout=None):
    """compute()'s value kept under `prefix`, `key` (a string), the versions of `tags` (with `site`) and the code:
    computed once per version of what it depends on, as a page is. The versions are read before computing, so a
    value computed from rows saved meanwhile is stored under versions no request asks for any more. Not `enabled`,
    or the cache down: compute(), nothing kept."""
    if not enabled:
        return compute()
    cache = page_cache()
    names = sorted({*tags, SITE_TAG})
    try:
        versions = tag_versions(cache, names)
        raw = f"{list(zip(names, versions, strict=True))}|{code_version()}|{key}"
        full_key = prefix + hashlib.sha256(raw.encode()).hexdigest()
        value = cache.get(full_key)
    except Exception:
        logger.warning("cache unreachable: computing %s without it", prefix, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        with contextlib.suppress(Exception):  # not storing is always safe
            cache.set(full_key, value, timeout or settings.PAGE_CACHE_SECONDS)
    return value


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


@dataclass
class Lookup:
    """What one read of the cache found for a page."""

    entry: tuple | None  # (tags, versions, status, headers, content), as stored
    locked: bool  # a request holds the page's lock: it is rendering it
    any_version: int | None  # read before rendering: a save during the render makes the stored page stale
    now_ms: int  # Redis' clock (the tags' versions are times on it)
    current: list  # the current versions of the entry's tags, in its order

    @property
    def fresh(self):
        return self.entry is not None and list(self.entry[1]) == self.current

    def stale_for_ms(self):
        """How long ago the last change to what the page shows was; None when unknown (a tag evicted)."""
        changed = [now for was, now in zip(self.entry[1], self.current, strict=False) if was != now]
        if not changed or None in changed or len(self.current) != len(self.entry[1]):
            return None
        return self.now_ms - max(changed)


def lookup(cache, key):
    """The page under `key` and whether it is fresh: one round trip to Redis (two with another backend)."""
    client = _redis(cache)
    if client is not None:
        # make_key: these names are ours (hex digests), nothing to validate on the way of every hit.
        keys = [cache.make_key(name) for name in (key, key + INDEX_SUFFIX, key + LOCK_SUFFIX, ANY_KEY)]
        page, locked, any_version, now_ms, *current = _run(client, LOOKUP_SCRIPT, keys)
        entry = cache._cache._serializer.loads(page) if page else None
        return Lookup(entry, bool(locked), _as_version(any_version), int(now_ms), [_as_version(v) for v in current])
    found = cache.get_many([key, key + LOCK_SUFFIX, ANY_KEY])
    entry = found.get(key)
    current = []
    if entry is not None:
        versions = cache.get_many([tag_key(tag) for tag in entry[0]])
        current = [versions.get(tag_key(tag)) for tag in entry[0]]
    return Lookup(entry, key + LOCK_SUFFIX in found, found.get(ANY_KEY), _now_ms(), current)


# Stale pages rendered again after the answer -----------------------------------------------------------------------

_refresher = None
_refresher_lock = threading.Lock()
_waiting = threading.BoundedSemaphore(1)  # replaced by refresher() with one of the configured size


def refresher():
    """The process's one thread that renders stale pages again (made on first use: after gunicorn's fork)."""
    global _refresher, _waiting
    with _refresher_lock:
        if _refresher is None:
            _waiting = threading.BoundedSemaphore(max(1, settings.PAGE_CACHE_REFRESH_QUEUE))
            _refresher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="page-cache-refresh")
        return _refresher


def close_refresher_connections():
    """Close the refresher thread's database connections (from that thread: they are its own), as a test must before
    its database goes."""
    with _refresher_lock:
        executor = _refresher
    if executor is not None:
        executor.submit(connections.close_all).result(timeout=30)


def refresh_later(render):
    """Run render() (PageCacheMiddleware.render of a stale page, with its lock) in the refresher thread, in the
    request's context (its id in the logs); False when that is off or PAGE_CACHE_REFRESH_QUEUE renders already wait:
    the caller renders it itself."""
    if not settings.PAGE_CACHE_REFRESH_IN_BACKGROUND:
        return False
    executor = refresher()
    if not _waiting.acquire(blocking=False):
        return False
    waiting = _waiting
    context = contextvars.copy_context()

    def run():
        # As Django does around a request: this thread's connection is kept for CONN_MAX_AGE, as the request
        # threads' are. A save makes tens of pages stale at once, and a new connection for each of their
        # renders cost PostgreSQL a backend each (docs/performance.md, "Mixed load").
        close_old_connections()
        try:
            context.run(render)
        except Exception:
            logger.exception("could not render a stale page again")
        finally:
            waiting.release()
            close_old_connections()

    try:
        executor.submit(run)
    except RuntimeError:  # the process is shutting down
        waiting.release()
        return False
    return True


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
            found = lookup(cache, key)
        except Exception:
            return self.get_response(request)  # the cache is down: render as if there were none
        if found.fresh:
            return self.response_from(found.entry, "hit")
        stale_for = found.stale_for_ms() if found.entry is not None else None
        servable = stale_for is not None and stale_for <= settings.PAGE_CACHE_STALE_SECONDS * 1000
        if request.method == "HEAD":  # never stored: no lock, no waiting
            return self.response_from(found.entry, "stale") if servable else self.get_response(request)
        token = self.lock(cache, key)
        if token is None:
            if servable:
                return self.response_from(found.entry, "stale")
            found = self.wait_for_the_lock_holder(cache, key, found)
            if found.fresh:
                return self.response_from(found.entry, "hit")
        elif servable and refresh_later(partial(self.render, request, cache, key, found.any_version, token)):
            return self.response_from(found.entry, "stale")
        return self.render(request, cache, key, found.any_version, token)

    def render(self, request, cache, key, any_version, token):
        if any_version is None:
            # No `any` yet (a new Redis, an eviction): created before rendering, so this page can be stored fresh.
            with contextlib.suppress(Exception):
                any_version = current_version(cache)
        try:
            with collecting_tags() as collected:
                response = self.get_response(request)
            if is_cacheable_response(request, response):
                self.store(cache, key, any_version, page_tags(collected), response)
                response[CACHE_STATUS_HEADER] = "miss"
            return response
        finally:
            if token is not None:
                self.unlock(cache, key, token)

    @staticmethod
    def lock(cache, key):
        """The token of this request's lock on rendering the page, or None when another request holds it."""
        token = secrets.token_hex(8)
        try:
            return token if cache.add(key + LOCK_SUFFIX, token, timeout=settings.PAGE_CACHE_LOCK_SECONDS) else None
        except Exception:
            return None

    @staticmethod
    def unlock(cache, key, token):
        with contextlib.suppress(Exception):  # the lock expires by itself
            client = _redis(cache)
            lock_key = key + LOCK_SUFFIX
            if client is not None:
                stored_token = cache._cache._serializer.dumps(token)
                _run(client, UNLOCK_SCRIPT, [cache.make_and_validate_key(lock_key)], [stored_token])
            elif cache.get(lock_key) == token:
                cache.delete(lock_key)

    @staticmethod
    def wait_for_the_lock_holder(cache, key, found):
        """Poll for the page the lock holder renders, up to PAGE_CACHE_WAIT_SECONDS; stop when the lock is freed."""
        deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_SECONDS
        delay = 0.02
        while time.monotonic() < deadline:
            time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
            delay = min(delay * 1.5, 0.2)
            try:
                found = lookup(cache, key)
            except Exception:
                break
            if found.fresh or not found.locked:
                break
        return found

    def store(self, cache, key, any_version, tags, response):
        if not response.has_header("ETag"):
            set_response_etag(response)
        headers = [(name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS]
        with contextlib.suppress(Exception):  # not storing is always safe
            any_now, *versions = tag_versions(cache, [ANY_TAG, *tags])
            if any_now != any_version or any_version is None:
                # Something was saved while this page rendered (from rows read before or after the save): stored
                # as already stale, a stale copy for the others while the next request renders it again.
                versions = [0] * len(tags)
            entry = (tuple(tags), tuple(versions), response.status_code, headers, response.content)
            timeout = settings.PAGE_CACHE_SECONDS
            client = _redis(cache)
            if client is None:
                cache.set(key, entry, timeout)
                return
            index = " ".join(cache.make_and_validate_key(tag_key(tag)) for tag in tags)
            pipeline = client.pipeline()  # MULTI: the page and its index together
            pipeline.set(cache.make_and_validate_key(key), cache._cache._serializer.dumps(entry), ex=timeout)
            pipeline.set(cache.make_and_validate_key(key + INDEX_SUFFIX), index, ex=timeout)
            pipeline.incr(cache.make_and_validate_key(RENDERS_KEY))
            pipeline.execute()

    @staticmethod
    def response_from(entry, status):
        _tags, _versions, code, headers, content = entry
        response = HttpResponse(content, status=code)
        for name, value in headers:
            response[name] = value
        response[CACHE_STATUS_HEADER] = status
        return response
