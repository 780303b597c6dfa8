"""Counting page views where the pages are served, cheaply, without knowing who viewed them.

A listing's page (PublishedDetailView) marks its response with an internal header, COUNTED_VIEW_HEADER
(listings/page_views.py):
"<content type id>:<object id>:<language>". The page cache stores the header with the page, so a page served
from the cache carries it as well. PageViewCountingMiddleware (dashboard/middleware.py), outside the page cache
and outside the conditional GET, takes it off every response — it never reaches the browser — and counts a GET
answered 200 (a 304 revalidation is not a view: the visitor already had the page) when the visitor is not a
known bot, the request is not a prefetch, and this client has not been counted for this listing today. The day
is the server's (Beijing time). Nothing about the visitor is kept: not the address, the browser, a cookie or the
time of day.

One view per listing, client and day: a client is its address and user agent, kept only as a keyed hash
(HMAC-SHA256 with a random secret of the day, shared by the processes through the Django cache) in the cache,
both expiring when the day ends. The secret is never written anywhere else, so once the day is over nobody can
tell whether an address was counted. Without the cache answering, nothing is counted: an undercount, never an
inflated one.

Where a view goes:
1. Into a dict of this process, {(day, "<content type>:<id>:<language>"): views}, under a lock (gunicorn's
   threads share it): an increment, about a microsecond, no I/O.
2. At most once a second (checked on every request, a clock comparison), when the dict grows large, at the
   process's exit (gunicorn's worker_exit hook, atexit) and before the dashboard reads: the whole dict in one
   MULTI/EXEC of HINCRBY + EXPIRE on the hash of each day in Redis (settings.PAGE_VIEWS["REDIS_URL"]); without
   Redis, or while it does not answer, one upsert in PostgreSQL.
3. `flush()` (the `flush_page_views` command, run by cron, and the dashboard before it reads) moves the day
   hashes from Redis into PostgreSQL with one upsert per day.
"""

import atexit
import contextlib
import functools
import hashlib
import hmac
import logging
import re
import secrets
import threading
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as dt_time

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from .models import PageView

logger = logging.getLogger("dashboard.counting")

# Crawlers, link previewers, monitors and scripted browsers: not counted. The user agent is read here and
# nowhere else, and never stored.
BOT_WORDS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "scrap",
    "fetch",
    "preview",
    "facebookexternalhit",
    "embedly",
    "whatsapp",
    "telegram",
    "headless",
    "phantom",
    "lighthouse",
    "pagespeed",
    "pingdom",
    "uptime",
    "monitor",
    "check",
    "curl",
    "wget",
    "python",
    "java/",
    "go-http",
    "okhttp",
    "axios",
    "node-fetch",
    "libwww",
    "httpclient",
    "postman",
    "baidu",
    "sogou",
    "yisou",
    "bytespider",
    "petal",
    "yandex",
    "semrush",
    "ahrefs",
    "mj12",
    "dotbot",
)
# What browsers send when they fetch a page ahead of time, which nobody may ever look at:
# Sec-Purpose: prefetch (or "prefetch;prerender"), Purpose: prefetch, X-Moz: prefetch, X-Purpose: preview.
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_MOZ", "HTTP_X_PURPOSE")
PREFETCH_WORDS = re.compile(r"prefetch|prerender|preview", re.IGNORECASE)


def is_bot(user_agent):
    # Browsers send a few hundred different user agents, all shorter than this: the answer is remembered (a
    # page is served in microseconds), within a bounded memory.
    if len(user_agent) <= 512:
        return _is_bot_remembered(user_agent)
    return _looks_like_bot(user_agent)


def _looks_like_bot(user_agent):
    user_agent = user_agent.lower()
    return not user_agent or any(word in user_agent for word in BOT_WORDS)


_is_bot_remembered = functools.lru_cache(maxsize=2048)(_looks_like_bot)


def is_prefetch(meta):
    return any(PREFETCH_WORDS.search(meta[name]) for name in PREFETCH_HEADERS if name in meta)


def is_enabled():
    return getattr(settings, "PAGE_VIEWS", {}).get("ENABLED", True)


# Redis -------------------------------------------------------------------------------------------------


def redis_settings():
    options = getattr(settings, "PAGE_VIEWS", {})
    return options.get("REDIS_URL", ""), options.get("KEY_PREFIX", "g331:pageviews")


@functools.cache
def _client(url):
    from corridor_portal.sentinel import redis_client as client_for  # redis:// or redis+sentinel://

    return client_for(url, socket_connect_timeout=1, socket_timeout=1)


def redis_client():
    url, _prefix = redis_settings()
    return _client(url) if url else None


def day_key(prefix, day):
    return f"{prefix}:day:{day.isoformat()}"


# A day's hash is flushed within minutes: the expiry only bounds what a stopped cron leaves behind.
DAY_KEY_SECONDS = 14 * 24 * 3600


# Counting: this process's buffer ---------------------------------------------------------------------------

BUFFER_SECONDS = 1.0  # the buffer goes on to Redis (or PostgreSQL) at most this often…
BUFFER_MAX_KEYS = 5000  # …or as soon as it holds this many listings × languages × days
RETRY_SECONDS = 30  # after a failure, how long Redis is skipped (or, with nothing answering, the buffer kept)

_buffer = {}  # {(day, "<content type id>:<object id>:<language>"): views}
_buffer_lock = threading.Lock()
_last_sent = time.monotonic()
_send_not_before = 0.0  # set after a failure of both Redis and PostgreSQL
_redis_down_until = {}  # {Redis URL: monotonic time before which it is not tried again}


_today = (None, 0.0, 0.0)  # (the server's date, the time.time() at which it starts, and at which it ends)


def today_and_its_end():
    """The server's date (settings.TIME_ZONE, Beijing) and the time.time() at which it ends, worked out once a
    day: timezone.localdate() takes µs. A clock set back (NTP, a test's time machine) is a new day too."""
    global _today
    day, starts, ends = _today
    if not starts <= time.time() < ends:
        zone = timezone.get_default_timezone()
        day = datetime.now(zone).date()
        starts = datetime.combine(day, dt_time.min, tzinfo=zone).timestamp()
        ends = datetime.combine(day + timedelta(days=1), dt_time.min, tzinfo=zone).timestamp()
        _today = (day, starts, ends)
    return day, ends


def today():
    return today_and_its_end()[0]


# One view per listing, client and day -------------------------------------------------------------------

SEEN_STORE_RETRY_SECONDS = 30  # after the cache failed to answer, how long views go uncounted without asking it
_seen_store_down_until = 0.0
_day_secret = (None, None, b"")  # (key prefix, day, secret): the secret of the day, read from the cache once


def day_secret(prefix, day, seconds_left):
    """The random secret of `day`: the first process to need it puts it in the cache, the others read it."""
    global _day_secret
    known_prefix, known_day, secret = _day_secret
    if (known_prefix, known_day) != (prefix, day):
        key = f"{prefix}:secret:{day.isoformat()}"
        cache.add(key, secrets.token_hex(32), seconds_left)
        shared = cache.get(key)
        if not shared:
            raise RuntimeError("the cache keeps nothing")
        secret = shared.encode()
        _day_secret = (prefix, day, secret)
    return secret


def first_view_today(view, client_address, user_agent):
    """True once a day per listing and client (address + user agent), False after; never raises.

    The listing is `view` without its language: a visitor who reads a page in two languages viewed it once.
    """
    global _seen_store_down_until
    if time.monotonic() < _seen_store_down_until:
        return False
    _url, prefix = redis_settings()
    day, ends = today_and_its_end()
    seconds_left = max(1, int(ends - time.time()) + 1)
    listing = view.rpartition(":")[0]
    try:
        secret = day_secret(prefix, day, seconds_left)
        client = hmac.new(secret, f"{listing}|{client_address}|{user_agent}".encode(), hashlib.sha256).hexdigest()
        return cache.add(f"{prefix}:seen:{client[:40]}", 1, seconds_left)
    except Exception as exc:
        _seen_store_down_until = time.monotonic() + SEEN_STORE_RETRY_SECONDS
        logger.warning(
            "page views not counted for %d s, the cache does not answer: %s",
            SEEN_STORE_RETRY_SECONDS,
            type(exc).__name__,
        )
        return False


def count_view(view, day=None):
    """Count one view, `view` being the header's "<content type id>:<object id>:<language>": in memory only."""
    key = (day or today(), view)
    with _buffer_lock:
        _buffer[key] = _buffer.get(key, 0) + 1


def flush_buffer_if_due():
    """Send the buffer on if a second has passed since it last was, or it is large. Cheap when not due."""
    if not _buffer:
        return 0
    now = time.monotonic()
    if (now - _last_sent < BUFFER_SECONDS and len(_buffer) < BUFFER_MAX_KEYS) or now < _send_not_before:
        return 0
    return flush_buffer()


def flush_buffer():
    """Send this process's buffered views to Redis (or PostgreSQL); returns how many. Never raises."""
    global _buffer, _last_sent
    with _buffer_lock:
        counts, _buffer = _buffer, {}
        _last_sent = time.monotonic()
    views = sum(counts.values())
    try:
        return views if counts and _send(counts) != "kept" else 0
    except Exception:  # a row PostgreSQL refuses: these views are lost, never the request
        logger.exception("%d page views lost", views)
        return 0


def discard_buffer():
    """Forget what this process has buffered and any failure remembered (tests start clean with it)."""
    global _buffer, _last_sent, _send_not_before
    with _buffer_lock:
        counts, _buffer = _buffer, {}
        _last_sent = time.monotonic()
    _send_not_before = 0.0
    _redis_down_until.clear()
    forget_seen_store_failure()
    return counts


def forget_seen_store_failure():
    global _seen_store_down_until
    _seen_store_down_until = 0.0


def _send(counts):
    global _send_not_before
    url, prefix = redis_settings()
    now = time.monotonic()
    if url and now >= _redis_down_until.get(url, 0.0):
        try:
            # MULTI/EXEC: all the increments are made or none, so a failure never counts a view twice.
            pipeline = _client(url).pipeline(transaction=True)
            for (day, view), views in counts.items():
                pipeline.hincrby(day_key(prefix, day), view, views)
            for day in {day for day, _view in counts}:
                pipeline.expire(day_key(prefix, day), DAY_KEY_SECONDS)
            pipeline.execute()
            return "redis"
        except Exception as exc:
            _redis_down_until[url] = now + RETRY_SECONDS
            logger.warning(
                "page views go to PostgreSQL for %d s, Redis does not answer: %s", RETRY_SECONDS, type(exc).__name__
            )
    rows = {}
    for (day, view), views in counts.items():
        type_id, object_id, language = view.split(":")
        key = (int(type_id), int(object_id), language, day)
        rows[key] = rows.get(key, 0) + views
    try:
        with transaction.atomic():
            PageView.objects.add(rows)
        return "database"
    except (OperationalError, InterfaceError) as exc:
        # Neither answers: keep the views (the buffer's size is bounded by listings × languages × days) and
        # try again later, rather than making a request wait on timeouts every second.
        _send_not_before = time.monotonic() + RETRY_SECONDS
        with _buffer_lock:
            for key, views in counts.items():
                _buffer[key] = _buffer.get(key, 0) + views
        logger.warning(
            "%d page views kept in memory for %d s, PostgreSQL does not answer either: %s",
            sum(counts.values()),
            RETRY_SECONDS,
            type(exc).__name__,
        )
        return "kept"


def flush_at_exit():
    """The last views of a process that stops (atexit, and gunicorn's worker_exit hook)."""
    global _send_not_before
    if not _buffer:
        return
    _send_not_before = 0.0
    flush_buffer()
    with _buffer_lock:
        lost = sum(_buffer.values())
    if lost:
        logger.error("%d page views lost at exit: neither Redis nor PostgreSQL answers", lost)


atexit.register(flush_at_exit)


# From Redis into PostgreSQL ------------------------------------------------------------------------------


def flush(client=None):
    """Move the counts waiting in Redis into PostgreSQL; returns the number of rows written.

    Each day's hash is first renamed (atomically: views arriving meanwhile start a new hash), then added to
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
    """This process's buffer, then flush(); a Redis that does not answer only means slightly older numbers."""
    flush_buffer()
    try:
        return flush()
    except Exception as exc:
        logger.warning("page views not flushed, Redis does not answer: %s", type(exc).__name__)
        return 0
