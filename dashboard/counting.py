"""Counting page views cheaply, without knowing who viewed them.

A page sends a beacon after it has loaded (static/js/beacon.js), so a page served from a cache is counted
as well as one rendered by Django, and the page itself waits for nothing. The beacon names the listing
(kind and slug) and the page's language; the day is the server's (Beijing time). Nothing about the visitor
is kept: not the address, the browser, a cookie or the time of day.

Where the counts go first:
- With Redis (settings.PAGE_VIEWS["REDIS_URL"]), a beacon is one HINCRBY on the hash of its day:
  microseconds, no database round trip, no row lock. `flush()` (the `flush_page_views` command, run by cron,
  and the dashboard before it reads) moves the hashes into PostgreSQL with one upsert per day.
- Without Redis (development, tests) or when Redis does not answer, a beacon is one upsert in PostgreSQL.
"""

import contextlib
import functools
import logging
import re
import threading
import time
import uuid
from datetime import date

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import PageView

logger = logging.getLogger("dashboard.counting")

# The listings whose pages are counted: the URL namespace of the detail page -> the model.
COUNTED = {
    "attractions": "attractions.Attraction",
    "villages": "villages.Village",
    "routes": "routes.Route",
    "ports": "ports.PortOfEntry",
    "events": "events.Event",
}
LANGUAGES = {code for code, _name in settings.LANGUAGES}
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")

# Crawlers, link previewers, monitors and scripted browsers: not counted. The user agent is read here and
# nowhere else, and never stored.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|preview|facebookexternalhit|embedly|whatsapp|telegram|"
    r"headless|phantom|lighthouse|pagespeed|pingdom|uptime|monitor|check|"
    r"curl|wget|python|java/|go-http|okhttp|axios|node-fetch|libwww|httpclient|postman|"
    r"baidu|sogou|yisou|bytespider|petal|yandex|semrush|ahrefs|mj12|dotbot",
    re.IGNORECASE,
)


def is_bot(user_agent):
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))


def model_for(kind):
    label = COUNTED.get(kind)
    return apps.get_model(label) if label else None


# Which pages exist: kept for a minute in each process, so a beacon needs no database query ---------------

TARGETS_TTL_SECONDS = 60
_targets = {}
_targets_lock = threading.Lock()


def published_id(kind, slug):
    """The id of the published listing of `kind` at `slug`, or None."""
    model = model_for(kind)
    if model is None or not SLUG.match(slug or ""):
        return None
    now = time.monotonic()
    loaded = _targets.get(kind)
    if loaded is None or now - loaded[0] > TARGETS_TTL_SECONDS:
        # All published slugs of a kind in one small query (a few hundred rows along the corridor).
        loaded = (now, dict(model.objects.published().values_list("slug", "pk")))
        with _targets_lock:
            _targets[kind] = loaded
    return loaded[1].get(slug)


def forget_targets():
    """Read the published listings again at the next beacon (tests, or right after publishing)."""
    with _targets_lock:
        _targets.clear()


def content_type_id(kind):
    # ContentType's own cache serves this; a cache of our own would outlive a test's flushed ids.
    return ContentType.objects.get_for_model(model_for(kind)).pk


# Redis -------------------------------------------------------------------------------------------------


def redis_settings():
    options = getattr(settings, "PAGE_VIEWS", {})
    return options.get("REDIS_URL", ""), options.get("KEY_PREFIX", "g331:pageviews")


@functools.cache
def _client(url):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)


def redis_client():
    url, _prefix = redis_settings()
    return _client(url) if url else None


def day_key(prefix, day):
    return f"{prefix}:day:{day.isoformat()}"


# Counting ------------------------------------------------------------------------------------------------


def record_view(content_type_id, object_id, language, day=None):
    """Count one view; returns where it was counted ("redis" or "database")."""
    day = day or timezone.localdate()
    client = redis_client()
    if client is not None:
        _url, prefix = redis_settings()
        try:
            key = day_key(prefix, day)
            # One round trip per view; the first view of a listing in a language that day also sets an expiry
            # (a day's hash is flushed within minutes: the expiry only bounds what a stopped cron leaves behind).
            if client.hincrby(key, f"{content_type_id}:{object_id}:{language}", 1) == 1:
                client.expire(key, 14 * 24 * 3600)
            return "redis"
        except Exception as exc:
            logger.warning("page view counted in the database, Redis does not answer: %s", type(exc).__name__)
    PageView.objects.add({(content_type_id, object_id, language, day): 1})
    return "database"


def flush(client=None):
    """Move the counts waiting in Redis into PostgreSQL; returns the number of rows written.

    Each day's hash is first renamed (atomically: beacons arriving meanwhile start a new hash), then added to
    the table in one transaction and deleted. A lock keeps two flushes from adding the same hash twice; a
    hash left behind by a flush that failed halfway is picked up by the next one.
    """
    client = client or redis_client()
    if client is None:
        return 0
    _url, prefix = redis_settings()
    lock = client.lock(f"{prefix}:flush-lock", timeout=120, blocking=False)
    if not lock.acquire():
        return 0  # another flush is running; its numbers will be there in a moment
    written = 0
    try:
        for key in client.scan_iter(match=f"{prefix}:day:*", count=100):
            day = key.decode().rsplit(":", 1)[1]
            try:
                client.rename(key, f"{prefix}:flushing:{day}:{uuid.uuid4().hex}")
            except Exception:  # noqa: S112 -- the key expired or vanished since the scan
                continue
        for key in client.scan_iter(match=f"{prefix}:flushing:*", count=100):
            day = date.fromisoformat(key.decode().split(":")[-2])
            counts = {}
            for field, views in client.hgetall(key).items():
                try:
                    type_id, object_id, language = field.decode().split(":")
                    counts[(int(type_id), int(object_id), language, day)] = int(views)
                except ValueError:
                    continue  # not ours: ignored
            with transaction.atomic():
                written += PageView.objects.add(counts)
            client.delete(key)
    finally:
        with contextlib.suppress(Exception):  # the lock expired: nothing to release
            lock.release()
    return written


def flush_quietly():
    """flush(), but a Redis that does not answer only means slightly older numbers."""
    try:
        return flush()
    except Exception as exc:
        logger.warning("page views not flushed, Redis does not answer: %s", type(exc).__name__)
        return 0
