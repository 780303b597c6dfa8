"""What a page cache hit costs: time and Redis round trips per hit, this code against another version of it.

    .venv/bin/python bench/page_cache_hit.py [--against OLD_CACHE_PY] [--tags 12] [--hits 500] [--rounds 8]

In this process, no HTTP and no database: the page cache middleware (corridor_portal/cache.py) in front of a view
that returns a 30 kB page and declares `--tags` dependency tags (a place's page declares about ten), served from
Redis (REDIS_URL, database 12, a key prefix of its own, removed at the end). Each round times `--hits` hits of
this code and, with `--against` (e.g. `git show 827136f:corridor_portal/cache.py > /tmp/old_cache.py`, the
single content version), as many of that version, in turn, so the machine's other load falls on both alike.
Printed: the median time per hit of each over the rounds, their ratio, and the Redis round trips per hit (counted
at the connection: a pipeline or a script is one).
"""

import argparse
import importlib.util
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor_portal.settings")

import django  # noqa: E402

django.setup()

import redis.connection  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402

from corridor_portal import cache as current  # noqa: E402

ROUND_TRIPS = 0
_send = redis.connection.Connection.send_packed_command


def counted_send(self, command, check_health=True):
    global ROUND_TRIPS
    ROUND_TRIPS += 1
    return _send(self, command, check_health)


def load(path):
    """Another version of corridor_portal/cache.py, as a module of the package (its relative imports work)."""
    spec = importlib.util.spec_from_file_location("corridor_portal._other_cache", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def middleware(module, tags):
    body = ("<p>" + "边境 corridor " * 2000 + "</p>").encode()[:30_000]

    def view(request):
        declare = getattr(module, "depends_on", None)
        if declare is not None:
            declare(*(f"listing:attractions.attraction:{i}" for i in range(tags)))
        return HttpResponse(body, content_type="text/html; charset=utf-8")

    return module.PageCacheMiddleware(view)


def time_hits(handler, request, hits):
    global ROUND_TRIPS
    ROUND_TRIPS = 0
    start = time.perf_counter()
    for _ in range(hits):
        response = handler(request)
    elapsed = time.perf_counter() - start
    assert response[current.CACHE_STATUS_HEADER] == "hit", response[current.CACHE_STATUS_HEADER]
    return elapsed / hits * 1e6, ROUND_TRIPS / hits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", help="another corridor_portal/cache.py to compare with")
    parser.add_argument("--tags", type=int, default=12)
    parser.add_argument("--hits", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=8)
    options = parser.parse_args()

    parts = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6380/0")
    prefix = f"bench-hit-{uuid.uuid4().hex[:8]}"
    location = f"{parts.scheme}://{parts.netloc}/12"
    cache_settings = {"default": {"BACKEND": "corridor_portal.redis_cache.RedisCache", "LOCATION": location}}
    cache_settings["default"]["KEY_PREFIX"] = prefix
    versions = {"this code": current}
    if options.against:
        versions["--against"] = load(options.against)
    redis.connection.Connection.send_packed_command = counted_send
    with override_settings(CACHES=cache_settings, PAGE_CACHE_ENABLED=True, ALLOWED_HOSTS=["testserver"]):
        try:
            handlers = {name: middleware(module, options.tags) for name, module in versions.items()}
            requests = {name: RequestFactory().get(f"/en/bench-{i}/") for i, name in enumerate(versions)}
            for name, handler in handlers.items():
                handler(requests[name])  # the miss that stores it
            timings = {name: [] for name in versions}
            trips = {}
            for _round in range(options.rounds):
                for name, handler in handlers.items():
                    microseconds, trips[name] = time_hits(handler, requests[name], options.hits)
                    timings[name].append(microseconds)
        finally:
            redis.connection.Connection.send_packed_command = _send
            client = caches["default"]._cache.get_client(None, write=True)
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)
    print(f"load average {os.getloadavg()[0]:.2f}; {options.rounds} rounds of {options.hits} hits; {options.tags} tags")
    for name in versions:
        print(
            f"{name:>10}: {statistics.median(timings[name]):7.1f} µs per hit (median of rounds), "
            f"{trips[name]:.2f} Redis round trips per hit"
        )
    if options.against:
        ratio = statistics.median(timings["this code"]) / statistics.median(timings["--against"])
        print(f"this code / --against: {ratio:.2f}×")


if __name__ == "__main__":
    main()
