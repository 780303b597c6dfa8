"""Page-view beacons: what counting one costs, in Redis or straight in PostgreSQL, and what it takes from the pages.

    .venv/bin/python bench/page_views.py [--seconds 10] [--database corridor_bench_pageviews] [--no-server]

1. In this process, through the whole Django stack (middleware, form, bot check, rate limit, counting): beacons
   per second for each way of counting, then the time to flush 10,000 counters from Redis into PostgreSQL.
2. With gunicorn (gunicorn.conf.py, the production settings, the page cache on) and wrk, when installed:
   - beacons per second the server answers flat out,
   - a cached attraction page's requests per second alone, then while wrk also sends about 1,000 beacons per
     second (40 connections, each pausing 30 ms between beacons; the rate reached is printed), and the difference.
   This is the piece of `make bench` (bench/run.py, whose Server and wrk helpers it uses) that concerns counting.

Everything runs against its own database (created and migrated when missing; one published attraction) and
Redis database 11, never the demo data.
"""

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PG = os.environ.get("BENCH_PG", "postgres://corridor:corridor@127.0.0.1:5432")
PY = str(ROOT / ".venv" / "bin" / "python")
SLUG = "bench-beacon"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
BEACON_BODY = f"kind=attractions&slug={SLUG}&lang=en"


def redis_url(db=11):
    parts = urllib.parse.urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6380/0")
    return f"{parts.scheme}://{parts.netloc}/{db}"


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


# 1. In this process ----------------------------------------------------------------------------------------


def in_process(database, seconds):
    os.environ["DATABASE_URL"] = f"{PG}/{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor_portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    from dashboard import counting
    from dashboard.models import PageView

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "page-view": "1000000/m"}  # counted, never reached
    application = WSGIHandler()  # what gunicorn calls: the whole middleware stack, without a test client
    body = BEACON_BODY.encode()

    def beacon():
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/page-view",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "REMOTE_ADDR": "192.0.2.10",
            "HTTP_USER_AGENT": BROWSER,
            "CONTENT_TYPE": "application/x-www-form-urlencoded",  # as navigator.sendBeacon sends URLSearchParams
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
        }
        statuses = []
        application(environ, lambda status, headers: statuses.append(status))
        return statuses[0]

    results = {}
    for mode, url in (("PostgreSQL upsert per beacon", ""), ("Redis HINCRBY, flushed later", redis_url())):
        settings.PAGE_VIEWS = {"REDIS_URL": url, "KEY_PREFIX": f"bench-{database}:pageviews"}
        assert beacon().startswith("204"), "the beacon was not counted"  # warm up: the published slugs
        done, start, cpu_start = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - start < seconds:
            for _ in range(50):
                beacon()
            done += 50
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        counting.flush()
        results[mode] = {"beacons_per_second": done / elapsed, "cpu_us_per_beacon": cpu / done * 1e6}
        # The CPU time is what a gunicorn worker spends per beacon (the waits for Redis or PostgreSQL are not
        # CPU); 1,000 beacons per second then take that many milliseconds of CPU per second, i.e. this share
        # of one core.
        print(
            f"  {mode:32} {done / elapsed:6.0f} beacons/s, {elapsed / done * 1e6:5.0f} µs each, of which "
            f"{cpu / done * 1e6:4.0f} µs CPU: 1,000 beacons/s ≈ {cpu / done * 1e3 * 100:.0f} % of one core"
        )

    # Flushing 10,000 distinct counters (listing × language × day) in one go.
    settings.PAGE_VIEWS = {"REDIS_URL": redis_url(), "KEY_PREFIX": f"bench-{database}:pageviews"}
    client = counting.redis_client()
    key = counting.day_key(settings.PAGE_VIEWS["KEY_PREFIX"], __import__("datetime").date(2000, 1, 1))
    client.hset(key, mapping={f"1:{n}:en": 3 for n in range(10_000)})
    start = time.perf_counter()
    written = counting.flush()
    flush_ms = (time.perf_counter() - start) * 1000
    PageView.objects.filter(day="2000-01-01").delete()
    print(f"  flush of {written} counters from Redis into PostgreSQL: {flush_ms:.0f} ms")
    results["flush_10000_ms"] = flush_ms
    return results


# 2. With gunicorn and wrk ------------------------------------------------------------------------------------

BEACON_LUA = f"""
wrk.method = "POST"
wrk.body = "{BEACON_BODY}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["User-Agent"] = "{BROWSER}"
"""
# 40 connections, each pausing 30 ms after every answer: about 1,000 beacons per second while answers take ~10 ms
# (the rate reached is measured and printed, as it falls when the machine is saturated).
PACED_LUA = BEACON_LUA + "function delay() return 30 end\n"
PACED_CONNECTIONS = 40


def wrk_run(url, seconds, connections, script=None):
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", url]
    if script:
        command[1:1] = ["-s", script]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def rps(process):
    out, _ = process.communicate()
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), int(non_2xx.group(1)) if non_2xx else 0


def with_server(database, seconds):
    import run  # bench/run.py: the gunicorn Server of `make bench`

    run.RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        beacon_lua, paced_lua = Path(folder, "beacon.lua"), Path(folder, "paced.lua")
        beacon_lua.write_text(BEACON_LUA)
        paced_lua.write_text(PACED_LUA)
        results = {}
        for mode, url in (("redis", redis_url()), ("database", "")):
            server = run.Server(database, cache_on=True)
            server.env.update(DJANGO_RATE_LIMIT_PAGE_VIEW="", PAGE_VIEWS_REDIS_URL=url)
            with server:
                page = f"{server.base}/attractions/{SLUG}/"
                run.fetch(page)
                run.fetch(page)  # now cached
                beacons, errors = rps(wrk_run(f"{server.base}/page-view", seconds, 16, beacon_lua))
                alone, _ = rps(wrk_run(page, seconds, 16))
                pages = wrk_run(page, seconds, 16)
                paced = wrk_run(f"{server.base}/page-view", seconds, PACED_CONNECTIONS, paced_lua)
                together, _ = rps(pages)
                paced_rate, paced_errors = rps(paced)
            from dashboard import counting

            counting.flush()  # what gunicorn counted in Redis (same Redis database and key prefix as above)
            loss = (alone - together) / alone * 100
            results[mode] = {
                "beacons_flat_out": beacons,
                "beacon_errors": errors + paced_errors,
                "page_alone": alone,
                "page_with_beacons": together,
                "beacons_alongside": paced_rate,
                "page_loss_percent": loss,
            }
            print(
                f"  counting in {mode:8}: {beacons:6.0f} beacons/s flat out; cached attraction page {alone:6.0f} req/s "
                f"alone, {together:6.0f} req/s with {paced_rate:4.0f} beacons/s alongside ({loss:+.1f} %)"
                + (f"; {errors + paced_errors} non-2xx" if errors + paced_errors else "")
            )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--database", default="corridor_bench_pageviews")
    parser.add_argument("--no-server", action="store_true", help="only the in-process measurement")
    args = parser.parse_args()
    print(f"· {args.database}: migrate, one published attraction", flush=True)
    prepare(args.database)
    print(f"· in one process, {os.cpu_count()} CPUs on this machine", flush=True)
    in_process(args.database, args.seconds)
    if args.no_server:
        return 0
    if subprocess.run(["which", "wrk"], capture_output=True, check=False).returncode != 0:
        print("· wrk is not installed: skipping the gunicorn measurement (apt-get install wrk)")
        return 0
    print("· gunicorn with the production settings, wrk", flush=True)
    with_server(args.database, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
