"""Page views counted where the pages are served: what counting one costs, and what it takes from the pages.

    .venv/bin/python bench/page_views.py [--seconds 3] [--pairs 6] [--servers 4] [--no-server]
                                         [--database corridor_bench_pageviews]

1. In this process: the cost of counting one view — the increment of this process's buffer, with its trip to
   Redis once a second amortised — and of the counting middleware around a listing's response against the same
   response with counting off: for a new client each time (its keyed hash buffered, then its once-a-day mark in
   the cache's pipeline of SET NX at the flush, amortised) and for the same client again (the hash and a look-up
   in the process's set); then the flush of 10,000 counters from Redis into PostgreSQL
   (`manage.py flush_page_views`).
2. With gunicorn (gunicorn.conf.py, the production settings, the page cache on) and wrk (16 connections) on a
   cached attraction page, loaded as visitors load it: wrk's script bench/page_views.lua sends each request from
   a client (X-Forwarded-For, which the servers trust from 127.0.0.1 as production trusts nginx, and one of four
   browsers' User-Agent; without one wrk would be a script, not counted), four requests in five from a new
   client, the fifth a reload by one already sent. --servers times, two fresh servers side by side, one with
   counting off (DJANGO_COUNT_PAGE_VIEWS=0), one with it on, which wrk loads in turn for --pairs pairs of
   --seconds-long runs (off-on, on-off, …, so the machine's other load falls on both alike; both get the same
   clients). Printed: each pair's requests per second and the workers' CPU time per request; the median
   difference between counting on and off, with its spread; and the views counted, read back from PostgreSQL
   once each pair of servers has stopped (each worker sends on what it buffered) and `flush()` has moved Redis
   into the table — one view per client and day, so they must equal the distinct clients wrk sent to the
   counting server, less at most one per connection and run (a new client's request still in flight when wrk
   stopped). The last line is the verdict against issue #27's line 6: the pages with counting on at ≥ 0.95× of
   the same pages with it off, every client counted once; and the views per second it was measured at (the
   earlier target: 1,000).
   The servers are `make bench`'s (bench/run.py's Server), with Redis database 11 instead of 13.

Everything runs against its own database (created and migrated when missing; one published attraction) and
Redis database 11 (page cache, counts, the day's secret and the once-a-day marks, which the bench deletes when it
starts: an earlier run's clients are new again), never the demo data. Results also go to bench/results/page_views.json.
"""

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# After the project: bench/photos.py would otherwise stand in for the photos app when Django starts here.
sys.path.append(str(ROOT / "bench"))

PG = os.environ.get("BENCH_PG", "postgres://corridor:corridor@127.0.0.1:5432")
PY = str(ROOT / ".venv" / "bin" / "python")
SLUG = "bench-page-views"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
CONNECTIONS = 16
TARGET_VIEWS_PER_SECOND = 1000
TARGET_LOSS_PERCENT = 5.0


def redis_url(db=11):
    parts = urllib.parse.urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6380/0")
    return f"{parts.scheme}://{parts.netloc}/{db}"


def key_prefix(database):
    return f"bench-{database}"


def prepare(database):
    subprocess.run(
        ["psql", "-q", f"{PG}/postgres", "-c", f"CREATE DATABASE {database}"],
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    env = {**os.environ, "DATABASE_URL": f"{PG}/{database}"}
    subprocess.run([PY, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    script = (
        "from attractions.tests.factories import make_attraction\n"
        "from attractions.models import Attraction\n"
        f"Attraction.objects.filter(slug='{SLUG}').exists() or make_attraction(slug='{SLUG}')\n"
    )
    subprocess.run([PY, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    # The production settings serve static files from the manifest, as `make bench` does.
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def setup_django(database):
    os.environ["DATABASE_URL"] = f"{PG}/{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor_portal.settings")
    # The same Redis database and key prefix as the gunicorn runs below, for the counts and for the cache that
    # holds the day's secret and the once-a-day marks.
    os.environ["REDIS_URL"] = redis_url()
    os.environ["CACHE_KEY_PREFIX"] = key_prefix(database)
    import django

    django.setup()
    from django.conf import settings

    settings.PAGE_VIEWS = {"ENABLED": True, "REDIS_URL": redis_url(), "KEY_PREFIX": f"{key_prefix(database)}:pageviews"}
    forget_who_was_counted()


def forget_who_was_counted():
    """Delete the day's secret and the once-a-day marks of the bench's key prefix (in its own Redis database):
    this run's clients are new even if an earlier run today sent the same addresses, and its marks go."""
    from django.conf import settings
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)
    prefix = settings.PAGE_VIEWS["KEY_PREFIX"]
    for what in ("seen", "secret"):
        keys = list(client.scan_iter(match=f"*:{prefix}:{what}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])


def listing():
    from attractions.models import Attraction

    return Attraction.objects.get(slug=SLUG)


# 1. In this process ----------------------------------------------------------------------------------------


def timed(function, seconds, cpu=None):
    """µs per call of function(), called for about `seconds` (in batches, so the loop itself costs little); with a
    dict `cpu`, also this process's CPU µs per call in cpu["us"] (what other jobs on the machine change least;
    without what Redis spends answering)."""
    done, start, start_cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for _ in range(1000):
            function()
        done += 1000
    if cpu is not None:
        cpu["us"] = (time.process_time() - start_cpu) / done * 1e6
    return (time.perf_counter() - start) / done * 1e6, done


def in_process(seconds):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from dashboard import counting
    from dashboard.middleware import PageViewCountingMiddleware
    from dashboard.models import PageView
    from listings import page_views

    # An attraction id no listing has: these views are deleted at the end, the bench listing's count stays exact.
    view = f"{page_views.content_type_id(listing())}:0:en"
    results = {}

    # The buffer: one increment per view, and once a second one MULTI/EXEC to Redis.
    counting.flush_buffer()

    def count_and_send():
        counting.count_view(view)
        counting.flush_buffer_if_due()

    us, done = timed(count_and_send, seconds)
    counting.flush_buffer()
    results["buffer_us_per_view"] = us
    print(
        f"  counting one view in the buffer, its trip to Redis once a second amortised: {us:5.2f} µs ({done:,} views)"
    )

    # The middleware around a listing's response, with counting on and off: the whole cost of counting a view.
    request = RequestFactory().get(f"/en/attractions/{SLUG}/", HTTP_USER_AGENT=BROWSER)
    response = HttpResponse(b"<html>" + b"x" * 8000)

    def page(_request):
        response[page_views.COUNTED_VIEW_HEADER] = view
        return response

    middleware = PageViewCountingMiddleware(page)
    from django.conf import settings

    # A new client on every call: its keyed hash computed and buffered, then (amortised) its mark in the cache's
    # pipeline of SET NX once a second or every BUFFER_MAX_KEYS clients. The same client again: only the hash
    # and the look-up in the process's set of clients already buffered today.
    numbers = iter(range(1, 2**24))

    def new_client():
        number = next(numbers)
        request.META["REMOTE_ADDR"] = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
        return middleware(request)

    for label, enabled, call in (
        ("off", False, lambda: middleware(request)),
        ("on_same_client", True, lambda: middleware(request)),
        ("on_new_client", True, new_client),
    ):
        settings.PAGE_VIEWS = {**settings.PAGE_VIEWS, "ENABLED": enabled}
        cpu = {}
        results[f"middleware_us_counting_{label}"], _done = timed(call, seconds, cpu)
        counting.flush_buffer()
        results[f"middleware_cpu_us_counting_{label}"] = cpu["us"]
    off = results["middleware_us_counting_off"]
    same, new = results["middleware_us_counting_on_same_client"], results["middleware_us_counting_on_new_client"]
    results["counting_us_per_view"] = new - off
    print(
        f"  the counting middleware on a listing's response: {off:5.2f} µs with counting off; on, {new:5.2f} µs for "
        f"a new client each time, its mark in the cache amortised ({new - off:4.2f} µs per counted view), "
        f"{same:5.2f} µs for the same client again; the whole middleware at 1,000 views/s ≈ {new / 10:.2f} % of "
        f"one core"
    )
    cpu_off, cpu_same, cpu_new = (
        results[f"middleware_cpu_us_counting_{label}"] for label in ("off", "on_same_client", "on_new_client")
    )
    results["counting_cpu_us_per_view"] = cpu_new - cpu_off
    print(
        f"  the same in this process's CPU time: {cpu_off:5.2f} µs off; on, {cpu_new:5.2f} µs for a new client "
        f"({cpu_new - cpu_off:4.2f} µs per counted view), {cpu_same:5.2f} µs for the same client again"
    )
    forget_who_was_counted()

    counting.flush()
    PageView.objects.filter(object_id=0).delete()

    # Flushing 10,000 distinct counters (listing × language × day) from Redis into PostgreSQL in one go.
    client = counting.redis_client()
    prefix = settings.PAGE_VIEWS["KEY_PREFIX"]
    key = counting.day_key(prefix, __import__("datetime").date(2000, 1, 1))
    client.hset(key, mapping={f"1:{n}:en": 3 for n in range(10_000)})
    start = time.perf_counter()
    written = counting.flush()
    flush_ms = (time.perf_counter() - start) * 1000
    PageView.objects.filter(day="2000-01-01").delete()
    print(f"  flush of {written:,} counters from Redis into PostgreSQL: {flush_ms:.0f} ms")
    results["flush_10000_ms"] = flush_ms
    return results


# 2. With gunicorn and wrk ------------------------------------------------------------------------------------


CLIENTS_SCRIPT = ROOT / "bench" / "page_views.lua"
CLIENTS_PER_RUN = 200_000  # two wrk threads × page_views.lua's CLIENTS_PER_THREAD


def wrk(url, seconds, first_client=None):
    """wrk on `url`; with `first_client`, as visitors (bench/page_views.lua: from clients numbered from there on,
    four requests in five from a new one), else as a script (no User-Agent: not counted)."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout=20s", "--latency", url]
    if first_client is not None:
        command[1:1] = ["-s", str(CLIENTS_SCRIPT)]
        command += ["--", str(first_client)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    parse_ms = run_module().parse_ms
    completed, took = re.search(r"(\d+) requests in (\S+),", out).groups()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(completed),
        "seconds": parse_ms(took) / 1000,
        # The latency distribution's lines ("     50%   16.01ms"), not the "75.50%" of the thread stats.
        "p50_ms": parse_ms(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)),
        "p99_ms": parse_ms(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "clients": int(re.search(r"^CLIENTS (\d+)", out, re.MULTILINE).group(1)) if first_client is not None else 0,
    }


def run_module():
    import run  # bench/run.py: the gunicorn Server of `make bench`

    return run


def views_in_database():
    """All the views of the bench listing in PostgreSQL, after moving what waits in Redis there."""
    from django.db.models import Sum

    from dashboard import counting
    from dashboard.models import PageView

    counting.flush()
    return PageView.objects.of_listing(listing()).aggregate(total=Sum("count"))["total"] or 0


def workers_cpu_seconds(server):
    """CPU time (user + system) the gunicorn workers have used so far: less sensitive than req/s to other load."""
    master = server.process.pid
    total = 0
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / os.sysconf("SC_CLK_TCK")


def start_server(stack, database, counting_on):
    """A gunicorn of its own for one setting of DJANGO_COUNT_PAGE_VIEWS, warmed up: the page cached, every worker
    awake (wrk without a User-Agent, and urllib, are scripts: not counted)."""
    run = run_module()
    server = run.Server(database, cache_on=True)
    server.env.update(
        # Redis database 11 for the page cache and the counts (bench/run.py's Server uses 13 otherwise).
        REDIS_URL=redis_url(),
        PAGE_VIEWS_REDIS_URL=redis_url(),
        CACHE_KEY_PREFIX=key_prefix(database),
        DJANGO_COUNT_PAGE_VIEWS="1" if counting_on else "0",
        # wrk stands for nginx: its X-Forwarded-For says who the client is (page_views.lua), as in production.
        DJANGO_TRUSTED_PROXIES="127.0.0.1",
        GUNICORN_ACCESS_LOG=str(run.RESULTS / "page_views_access.log"),
    )
    stack.enter_context(server)
    server.page = f"{server.base}/attractions/{SLUG}/"
    assert run.fetch(server.page)[0] == 200
    assert run.fetch(server.page)[1].get("X-Page-Cache") == "hit"
    wrk(server.page, 2)
    return server


def with_server(database, seconds, pairs, servers, in_process_results):
    """`servers` times: two fresh servers side by side (started off-on, then on-off, …), loaded in turn for
    `pairs` pairs of runs (off-on, on-off, …); then both stop and the views they counted are read back.

    Why many short runs on several servers: the runs of one page on one server differ by ±10 % and more on this
    machine (how wrk's 16 kept-alive connections happen to spread over the 5 workers, other jobs), and two servers
    both counting off differ by up to ~8 % throughout (one set of worker processes against another). A median over
    many runs on several servers averages both out; a few long runs on one pair of servers would not.
    """
    run_module().RESULTS.mkdir(parents=True, exist_ok=True)
    if servers * pairs * CLIENTS_PER_RUN >= 2**24:
        raise SystemExit("too many runs for page_views.lua's 16.7 million client addresses: fewer servers or pairs")
    runs = {"off": [], "on": []}
    blocks = []
    for block in range(servers):
        before, first_on = views_in_database(), len(runs["on"])
        with contextlib.ExitStack() as stack:
            started = ("off", "on") if block % 2 == 0 else ("on", "off")
            server = {label: start_server(stack, database, label == "on") for label in started}
            for pair in range(pairs):
                result = {}
                for label in ("off", "on") if pair % 2 == 0 else ("on", "off"):
                    cpu = workers_cpu_seconds(server[label])
                    # Both servers get the same clients; only the one counting marks them.
                    first_client = (block * pairs + pair) * CLIENTS_PER_RUN
                    result[label] = wrk(server[label].page, seconds, first_client=first_client)
                    result[label]["cpu_us_per_request"] = (
                        (workers_cpu_seconds(server[label]) - cpu) / result[label]["requests"] * 1e6
                    )
                    runs[label].append(result[label])
                off, on = result["off"], result["on"]
                print(
                    f"  servers {block + 1}, pair {pair + 1}: counting off {off['rps']:5.0f} req/s "
                    f"({off['cpu_us_per_request']:4.0f} µs CPU/request), on {on['rps']:5.0f} req/s "
                    f"({on['cpu_us_per_request']:4.0f} µs): {(on['rps'] - off['rps']) / off['rps'] * 100:+6.1f} %"
                    + (f"; non-2xx: {off['non_2xx'] + on['non_2xx']}" if off["non_2xx"] + on["non_2xx"] else ""),
                    flush=True,
                )
        # Both servers have stopped: each worker sent on what it had buffered (gunicorn.conf.py's worker_exit).
        counted = views_in_database() - before
        served = sum(r["requests"] for r in runs["on"][first_on:])
        clients = sum(r["clients"] for r in runs["on"][first_on:])
        blocks.append({"counted": counted, "requests": served, "clients": clients, "runs": len(runs["on"]) - first_on})
        print(
            f"  servers {block + 1}: {counted:,} views counted (PostgreSQL, after flush), {clients:,} distinct "
            f"clients sent, {served:,} requests",
            flush=True,
        )
    on, off = runs["on"], runs["off"]
    counted, served = sum(b["counted"] for b in blocks), sum(b["requests"] for b in blocks)
    clients = sum(b["clients"] for b in blocks)
    views_per_second = counted / sum(r["seconds"] for r in on)
    differences = sorted((a["rps"] - b["rps"]) / b["rps"] * 100 for a, b in zip(on, off, strict=True))
    loss = -statistics.median(differences)
    quartiles = statistics.quantiles(differences, n=4) if len(differences) > 1 else [differences[0]] * 3
    cpu_off = statistics.median(r["cpu_us_per_request"] for r in off)
    cpu_on = statistics.median(r["cpu_us_per_request"] for r in on)
    # The cost of counting measured in this process, as a share of what a cached page costs a worker.
    expected = in_process_results["counting_us_per_view"] / cpu_off * 100
    # One view per client: the distinct clients page_views.lua sent, less those whose only request was still in
    # flight when wrk stopped (served and counted, or not: at most one per connection and run).
    exact = all(0 <= b["clients"] - b["counted"] <= CONNECTIONS * b["runs"] for b in blocks)
    print(
        f"  req/s, medians: counting off {statistics.median(r['rps'] for r in off):.0f}, "
        f"on {statistics.median(r['rps'] for r in on):.0f}; difference per pair: median {-loss:+.1f} %, "
        f"half of the pairs between {quartiles[0]:+.1f} % and {quartiles[2]:+.1f} %, "
        f"all between {differences[0]:+.1f} % and {differences[-1]:+.1f} %"
    )
    print(
        f"  workers' CPU per request, medians: counting off {cpu_off:.0f} µs, on {cpu_on:.0f} µs "
        f"({(cpu_on - cpu_off) / cpu_off * 100:+.1f} %); counting's own cost measured above, "
        f"{in_process_results['counting_us_per_view']:.1f} µs a view, is {expected:.2f} % of it"
    )
    print(
        f"  views counted {counted:,} (read back from PostgreSQL after flush) for {clients:,} distinct clients in "
        f"{served:,} requests wrk completed with counting on ({counted - clients:+,}: "
        + ("new clients in flight when wrk stopped, at most one per connection and run)" if exact else "NOT equal)")
    )
    # Issue #27, line 6: on/off ≥ 0.95× in one run, and every client counted once. The rate is printed beside it:
    # the earlier target said "at 1,000 views/s", which takes a machine serving ≥ 1,250 req/s with this load.
    ratio_met = loss <= TARGET_LOSS_PERCENT
    ok = exact and ratio_met
    rps_on = statistics.median(r["rps"] for r in on)
    print(
        f"verdict: counting {views_per_second:,.0f} views/s lowered throughput by {loss:.1f} %, "
        f"on/off {1 - loss / 100:.3f}× (target ≥ {1 - TARGET_LOSS_PERCENT / 100:.2f}×, each client counted once): "
        + ("met" if ok else "NOT met" + ("" if exact else " (views counted ≠ distinct clients)"))
        + (" — below zero: faster with counting on, i.e. within the machine's noise" if loss < 0 else "")
        + (
            f"; {TARGET_VIEWS_PER_SECOND:,} views/s not reached: this machine served {rps_on:.0f} req/s in this run"
            if views_per_second < TARGET_VIEWS_PER_SECOND
            else f"; at ≥ {TARGET_VIEWS_PER_SECOND:,} views/s"
        )
    )
    return {
        "runs": runs,
        "servers": blocks,
        "differences_percent": differences,
        "loss_percent": loss,
        "cpu_us_per_request": {"off": cpu_off, "on": cpu_on},
        "expected_loss_percent": expected,
        "views_counted": counted,
        "requests_with_counting_on": served,
        "distinct_clients_with_counting_on": clients,
        "views_per_second": views_per_second,
        "counted_equals_clients": exact,
        "target_met": ok,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=3, help="length of one wrk run")
    parser.add_argument("--pairs", type=int, default=6, help="pairs of runs (off, on) on each pair of servers")
    parser.add_argument("--servers", type=int, default=4, help="pairs of servers, started afresh one after another")
    parser.add_argument("--database", default="corridor_bench_pageviews")
    parser.add_argument("--no-server", action="store_true", help="only the in-process measurement")
    args = parser.parse_args()
    run_module().RESULTS.mkdir(parents=True, exist_ok=True)
    (run_module().RESULTS / "page_views_access.log").write_bytes(b"")  # this invocation's requests only
    print(f"· {args.database}: migrate, one published attraction", flush=True)
    prepare(args.database)
    setup_django(args.database)
    print(f"· in one process, {os.cpu_count()} CPUs on this machine", flush=True)
    report = {"in_process": in_process(3)}
    if not args.no_server:
        if subprocess.run(["which", "wrk"], capture_output=True, check=False).returncode != 0:
            print("· wrk is not installed: skipping the gunicorn measurement (apt-get install wrk)")
        else:
            print(
                f"· gunicorn (production settings, page cache on), wrk -c {CONNECTIONS} -d {args.seconds}s as "
                f"visitors (bench/page_views.lua: four requests in five from a new client) on a cached attraction "
                f"page; {args.servers} × {args.pairs} pairs of runs, counting off and on in turn",
                flush=True,
            )
            report["server"] = with_server(args.database, args.seconds, args.pairs, args.servers, report["in_process"])
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "page_views.json").write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
