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
(HMAC-SHA256 with a random secret of the day, shared by the processes through the Django cache, read by each
process once a day). The request only computes the hash and leaves it in this process's memory with the view
(count_first_view: a few µs, no I/O); a client this process already has today is not buffered twice (a set of
hashes, bounded, emptied when the day changes). Once a second the flush marks the waiting hashes in the Django
cache — one Lua script adds them to the day's set of marks (`SADD <prefix>:seen:<day> <hash>` each, `EXPIRE` at
the day's end) and answers which were new — and counts only the views whose mark was new. The marks are always
in the Django cache, whether the counts then go to Redis or, without it, to PostgreSQL: one place decides who
was counted, so switching between the two never counts a client twice, and processes that do not share memory
share the marks. The secret and the marks expire when the day ends; a view of the day still waiting in a buffer
then (the last second's, or an idle process's) is dropped, since its mark could no longer stop a second count.
The secret is never written anywhere else, so once the day is over nobody can tell whether an address was
counted. Without the cache answering (for the secret, or at the flush) nothing is counted: an undercount, never
an inflated one.

Where a view goes:
1. Into this process's memory under a lock (gunicorn's threads share it): a client's first view waits in a dict
   {(day, hash): view}; the views found new at the flush are added to {(day, "<content type>:<id>:<language>"):
   views}.
2. At most once a second (checked on every request, a clock comparison), when the dicts grow large, at the
   process's exit (gunicorn's worker_exit hook, atexit) and before the dashboard reads: the marks (above), then
   the counts in one MULTI/EXEC of HINCRBY + EXPIRE on the hash of each day in Redis
   (settings.PAGE_VIEWS["REDIS_URL"]); without Redis, or while it does not answer, one upsert in PostgreSQL.
   Two round trips, not one Lua script doing both: the marks are in the cache's Redis and the counts in
   PAGE_VIEWS' Redis or in PostgreSQL, which need not be the same server; once a second per process, the
   second round trip costs nothing a visitor waits for.
3. `flush()` (the `flush_page_views` command, run by cron, and the dashboard before it reads) moves the day
   hashes from Redis into PostgreSQL with one upsert per day.
"""

import atexit
import contextlib
import functools
import hashlib
import hmac
import logging
import math
import re
import secrets
import threading
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as dt_time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from redis.commands.core import Script

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
BUFFER_MAX_KEYS = 5000  # …or as soon as it holds this many listings × languages × days, or clients waiting
WAITING_MAX = 10 * BUFFER_MAX_KEYS  # clients waiting while nothing can be sent: more are not counted (undercount)
RETRY_SECONDS = 30  # after a failure, how long Redis is skipped (or, with nothing answering, the buffer kept)
# The clients this process has buffered today, so that a client reloading a page is not sent again: at most this
# many (about 100 bytes each), then forgotten, which only means the cache's marks answer for them instead.
SEEN_HERE_MAX = 50_000

_buffer = {}  # {(day, "<content type id>:<object id>:<language>"): views}: counted, to be sent on
_waiting = {}  # {(day, client's keyed hash): view}: first views of this process, not yet checked with the cache
_seen_here = set()  # the keyed hashes this process has buffered on day _seen_here_day
_seen_here_day = None
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
        day = datetime.now(timezone.get_default_timezone()).date()
        starts, ends = end_of(day - timedelta(days=1)), end_of(day)
        _today = (day, starts, ends)
    return day, ends


def end_of(day):
    """The time.time() at which `day` ends on the server's clock (midnight in Beijing)."""
    zone = timezone.get_default_timezone()
    return datetime.combine(day + timedelta(days=1), dt_time.min, tzinfo=zone).timestamp()


def today():
    return today_and_its_end()[0]


# One view per listing, client and day -------------------------------------------------------------------

SEEN_STORE_RETRY_SECONDS = 30  # after the cache failed to answer, how long views go uncounted without asking it
HASH_LENGTH = 40  # hex digits of the keyed hash kept: 160 bits, no two clients alike
_seen_store_down_until = 0.0
_day_secret = (None, None, None)  # (key prefix, day, HMAC keyed with the day's secret), read from the cache once


def day_secret(prefix, day, seconds_left):
    """An HMAC-SHA256 keyed with the random secret of `day`, to copy for each client (copying the keyed state
    takes half the time of keying anew). The first process to need the secret puts it in the cache, the others
    read it."""
    global _day_secret
    known_prefix, known_day, keyed = _day_secret
    if (known_prefix, known_day) != (prefix, day):
        key = f"{prefix}:secret:{day.isoformat()}"
        cache.add(key, secrets.token_hex(32), seconds_left)
        shared = cache.get(key)
        if not shared:
            raise RuntimeError("the cache keeps nothing")
        keyed = hmac.new(shared.encode(), digestmod=hashlib.sha256)
        _day_secret = (prefix, day, keyed)
    return keyed


def _seen_store_failed(exc, when):
    global _seen_store_down_until
    _seen_store_down_until = time.monotonic() + SEEN_STORE_RETRY_SECONDS
    logger.warning(
        "page views not counted for %d s, the cache does not answer (%s): %s",
        SEEN_STORE_RETRY_SECONDS,
        when,
        type(exc).__name__,
    )


def count_first_view(view, client_address, user_agent):
    """Count `view` if it is this client's first of the listing today; True if it waits for the next flush.

    No I/O (but for the secret, read once a day): the client becomes a keyed hash (HMAC, a few µs), which waits in
    this process's memory with the view; the flush (flush_buffer) asks the cache which of the waiting hashes are
    new today and counts only those. A client this process already buffered today is not buffered again.
    The listing is `view` without its language: a visitor who reads a page in two languages viewed it once, in
    the first. Never raises: a cache that does not answer means views not counted.
    """
    global _seen_here_day
    if time.monotonic() < _seen_store_down_until:
        return False
    day, ends = today_and_its_end()
    _known_prefix, known_day, keyed = _day_secret
    if known_day != day:  # once a day (discard_buffer forgets it when a test changes the prefix)
        try:
            keyed = day_secret(redis_settings()[1], day, max(1, int(ends - time.time()) + 1))
        except Exception as exc:
            _seen_store_failed(exc, "the day's secret")
            return False
    listing = view.rpartition(":")[0]
    hashed = keyed.copy()
    hashed.update(f"{listing}|{client_address}|{user_agent}".encode())
    client = hashed.hexdigest()[:HASH_LENGTH]
    with _buffer_lock:
        if _seen_here_day != day or len(_seen_here) >= SEEN_HERE_MAX:
            _seen_here.clear()
            _seen_here_day = day
        if client in _seen_here or len(_waiting) >= WAITING_MAX:
            return False
        _seen_here.add(client)
        _waiting[(day, client)] = view
    return True


# Marks the clients of one day as counted, in the set of that day's marks. KEYS[1]: the day's set; ARGV[1]:
# seconds until it expires (when the day ends); ARGV[2]: the clients' keyed hashes, each
# HASH_LENGTH characters, one after the other. Answers a string with "1" for each client new to the set, else
# "0". One argument and one answer however many clients: redis-py packs and parses each argument and each
# element of an answer in Python (a pipeline of one SET NX per client cost ~30 µs a client).
MARK_SCRIPT = Script(
    None,
    b"""
local hashes, length, added = ARGV[2], tonumber(ARGV[3]), {}
for i = 1, #hashes, length do
  added[#added + 1] = redis.call('SADD', KEYS[1], string.sub(hashes, i, i + length - 1))
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return table.concat(added)
""",
)


def first_views_of_the_day(waiting):
    """Of the waiting {(day, client hash): view}, the views whose client the cache had not marked yet that day
    (each marked now): [(day, view), …]. One round trip (one per day around midnight).

    The marks live in the Django cache whichever way the counts go (Redis or PostgreSQL), so switching between
    the two never counts a client twice. A day's marks expire when it ends (all of them, whenever set: a mark
    lasts until then); a view of a day that has ended is dropped, since its mark could no longer stop a second
    count (the last second's views, or those of a process idle since).
    If the cache does not answer, none is counted, and the clients are forgotten by this process (a later view
    of theirs is asked about again): an undercount, never an inflated count.
    """
    _url, prefix = redis_settings()
    now = time.time()
    by_day = {}  # {day: ([client hash, …], [view, …])}
    for (day, client), view in waiting.items():
        clients, views = by_day.setdefault(day, ([], []))
        clients.append(client)
        views.append(view)
    first = []
    for day, (clients, views) in by_day.items():
        seconds = math.ceil(end_of(day) - now)
        if seconds < 1:
            continue
        try:
            added = add_marks(f"{prefix}:seen:{day.isoformat()}", seconds, clients)
        except Exception as exc:
            with _buffer_lock:
                _seen_here.difference_update(clients)
            _seen_store_failed(exc, f"{len(clients)} views lost")
            continue
        first.extend((day, view) for view, new in zip(views, added, strict=True) if new)
    return first


def add_marks(key, seconds, clients):
    """Mark `clients` in the set `key` of the cache, expiring in `seconds`: [True if the client was new, …]."""
    store = caches["default"]
    if isinstance(store, RedisCache):  # Django's, or corridor_portal.sentinel's: its client, its key format
        client = store._cache.get_client(write=True)
        answer = MARK_SCRIPT(keys=[store.make_key(key)], args=[seconds, "".join(clients), HASH_LENGTH], client=client)
        return [new == 49 for new in answer]  # b"1"
    # Another backend (one process, development): a key per client.
    return [store.add(f"{key}:{client}", 1, seconds) for client in clients]


def count_view(view, day=None):
    """Count one view, `view` being the header's "<content type id>:<object id>:<language>": in memory only."""
    key = (day or today(), view)
    with _buffer_lock:
        _buffer[key] = _buffer.get(key, 0) + 1


def flush_buffer_if_due():
    """Send the buffer on if a second has passed since it last was, or it is large. Cheap when not due."""
    if not _buffer and not _waiting:
        return 0
    now = time.monotonic()
    large = len(_buffer) >= BUFFER_MAX_KEYS or len(_waiting) >= BUFFER_MAX_KEYS
    if (now - _last_sent < BUFFER_SECONDS and not large) or now < _send_not_before:
        return 0
    return flush_buffer()


def flush_buffer():
    """Check this process's waiting views with the cache, then send the counts on to Redis (or PostgreSQL);
    returns how many views were sent. Never raises."""
    global _buffer, _waiting, _last_sent
    with _buffer_lock:
        counts, _buffer = _buffer, {}
        waiting, _waiting = _waiting, {}
        _last_sent = time.monotonic()
    views = 0
    try:
        for key in first_views_of_the_day(waiting) if waiting else ():
            counts[key] = counts.get(key, 0) + 1
        views = sum(counts.values())
        return views if counts and _send(counts) != "kept" else 0
    except Exception:  # a row PostgreSQL refuses: these views are lost, never the request
        logger.exception("%d page views lost", views)
        return 0


def discard_buffer():
    """Forget what this process has buffered and any failure remembered (tests start clean with it)."""
    global _buffer, _waiting, _last_sent, _send_not_before, _seen_here_day, _day_secret
    with _buffer_lock:
        counts, _buffer, _waiting = _buffer, {}, {}
        _seen_here.clear()
        _seen_here_day = None
        _last_sent = time.monotonic()
    _day_secret = (None, None, None)
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
        # try again later, rather than making a request wait on timeouts every second. Their clients are
        # already marked: they are counted once, when sent.
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
    if not _buffer and not _waiting:
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
