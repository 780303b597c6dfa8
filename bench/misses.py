"""The cost of a miss (issue #27, "cheaper misses"): the pages with the page cache off, against the minimal page.

    .venv/bin/python bench/misses.py ratios   [--database corridor_bench] [--pages scale|demo] [--seconds 4]
    .venv/bin/python bench/misses.py profile  [--database corridor_bench] [--pages scale|demo] [--requests 20]
    .venv/bin/python bench/misses.py snapshot --database corridor_portal --pages demo --out DIR
    .venv/bin/python bench/misses.py compare  DIR_BEFORE DIR_AFTER

- ratios: one gunicorn (gunicorn.conf.py, the production settings, DJANGO_PAGE_CACHE=0, DJANGO_BENCH=1, as
  `make bench` starts it: bench/run.py's Server), wrk on the minimal page between every two runs of a page
  (bench/run.py's measure()), each page's ratio to the minimal page of the same run, and the target it has to reach
  (detail pages ≥ 0.25×, lists and search ≥ 0.15×). The machine's load average before and after is printed: other
  jobs on it slow the pages and the minimal page alike, so compare ratios, not requests per second.
- profile: in this process, through the whole Django stack (WSGIHandler) with the same settings, for each page:
  milliseconds per request (wall clock, and the CPU time of this process: the Python work, steadier on a busy
  machine), SQL queries per request, model instances made per request, and the functions with the
  most time of their own under cProfile.
- snapshot / compare: every page of the list in zh-hans, en, ko and ru, rendered with the page cache off, written
  to DIR; compare says which pages differ byte for byte between two snapshots (the fragment caches must not change
  a byte of what a visitor gets). Pages are rendered twice in a snapshot: the second time from the fragment cache.

Both page sets start with two yardsticks: the minimal page and the page shell (/bench/shell/: base.html with an
empty body, what every page pays for its header, footer, language links and middleware before its own content).

`make bench` runs `ratios` on its scale data set after its own table (the last line of bench/run.py's main).
"""

import argparse
import os
import secrets
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project first: bench/ holds a photos.py, and the project has a photos app.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"] + [str(ROOT / "bench")]

from profile_pages import BUCKETS, profiled, shares_of, wsgi_get  # noqa: E402 -- after the path is set
from run import RESULTS, Server, base_env, measure  # noqa: E402

MINIMAL = ("minimal Django page", "/bench/minimal/")
# base.html with an empty body: what every page pays for the header, the footer, the language links and the middleware.
SHELL = ("page shell (base.html)", "/bench/shell/")
# The scale data set (manage.py generate_scale_data, bench/run.py prepare): the pages of `make bench`, a village too.
SCALE_PAGES = [
    MINIMAL,
    SHELL,
    ("home", "/"),
    ("attractions", "/attractions/"),
    ("attractions, 3 filters", "/attractions/?county=hunchun&season=winter&category=natural"),
    ("villages", "/villages/"),
    ("routes", "/routes/"),
    ("search 雪村", "/search/?q=" + urllib.parse.quote("雪村")),
    ("search songling", "/search/?q=songling"),
    ("attraction page", "/attractions/synthetic-attraction-1/"),
    ("village page", "/villages/synthetic-village-1/"),
    ("route page", "/routes/synthetic-route-1/"),
]
# The demo data (manage.py load_demo_data and the other loaders of `make run`).
DEMO_PAGES = [
    MINIMAL,
    SHELL,
    ("home", "/"),
    ("attractions", "/attractions/"),
    ("attractions, 2 filters", "/attractions/?county=hunchun&category=border"),
    ("villages", "/villages/"),
    ("routes", "/routes/"),
    ("events", "/events/"),
    ("search 雪村", "/search/?q=" + urllib.parse.quote("雪村")),
    ("search changbai", "/search/?q=changbai"),
    ("attraction page", "/attractions/changbai-mountain-tianchi/"),
    ("village page", "/villages/songling-snow-village/"),
    ("route page", "/routes/koguryo-yalu-2-days/"),
]
PAGE_SETS = {"scale": SCALE_PAGES, "demo": DEMO_PAGES}
DETAIL_TARGET, LIST_TARGET = 0.25, 0.15
LANGUAGE_PREFIXES = ("", "/en", "/ko", "/ru")


def target(path):
    """≥ 0.25× for a listing's own page, ≥ 0.15× for the lists, search and home."""
    parts = [p for p in path.split("?")[0].split("/") if p]
    return DETAIL_TARGET if len(parts) == 2 else LIST_TARGET


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def ratios(args):
    pages = PAGE_SETS[args.pages]
    print(f"· cache off, {args.database}: load average {load_average()}", flush=True)
    with Server(args.database, cache_on=False) as server:
        results = measure(server, pages, args.seconds, rounds=args.rounds, page_seconds=2 * args.seconds)
    print(f"· load average after: {load_average()}")
    print(f"\n{'page (page cache off)':26} {'req/s':>7} {'p50 ms':>7} {'ratio':>7} {'target':>7}")
    failed = 0
    for name, path in pages:
        result = results[name]
        if result["ratio"] is None:
            print(f"{name:26} {result['rps']:7.0f} {result['p50_ms']:7.1f}")
            continue
        if (name, path) == SHELL:  # a yardstick too: what every page pays before its content, no target
            print(f"{name:26} {result['rps']:7.0f} {result['p50_ms']:7.1f} {result['ratio']:6.2f}×")
            continue
        goal = target(path)
        ok = result["ratio"] >= goal
        failed += not ok
        mark = "ok" if ok else "BELOW"
        print(f"{name:26} {result['rps']:7.0f} {result['p50_ms']:7.1f} {result['ratio']:6.2f}× {goal:6.2f}× {mark}")
    return 0


def django_application(database):
    os.environ.update(base_env(database, 0, cache_on=False))
    os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["DJANGO_MEDIA_ROOT"] = str(RESULTS / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor_portal.settings")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    return WSGIHandler()


class QueryLog(list):
    """An execute wrapper (connection.execute_wrapper) that keeps the SQL of every query."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


class InstanceCounter:
    """Counts the model instances made (post_init: every Model.__init__ sends it) while it is on."""

    def __init__(self):
        self.count = 0

    def counted(self, **kwargs):
        self.count += 1

    def __enter__(self):
        from django.db.models.signals import post_init

        post_init.connect(self.counted, weak=False, dispatch_uid="bench-misses-count")
        return self

    def __exit__(self, *exc):
        from django.db.models.signals import post_init

        post_init.disconnect(dispatch_uid="bench-misses-count")


def profile(args):
    application = django_application(args.database)
    from django.db import connection

    pages = PAGE_SETS[args.pages]  # the minimal page too: what the others cost beyond it
    print(f"load average {load_average()}")
    names = [name for name, _ in BUCKETS] + ["other"]
    print(
        f"{'page (page cache off)':26} {'ms/req':>7} {'CPU ms':>7} {'queries':>7} {'models':>7}  "
        + " ".join(f"{n:>9}" for n in names)
    )
    details = []
    for name, path in pages:
        wsgi_get(application, path)  # warm: templates compiled, connection open, fragments stored
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            wsgi_get(application, path)
        milliseconds = (time.perf_counter() - start) / args.requests * 1000
        cpu_milliseconds = (time.process_time() - cpu_start) / args.requests * 1000
        queries = QueryLog()
        with connection.execute_wrapper(queries), InstanceCounter() as instances:
            wsgi_get(application, path)
        if args.sql:
            print("\n".join("    " + q[:300] for q in queries))
        stats = profiled(application, path, args.requests)
        shares = shares_of(stats)
        print(
            f"{name:26} {milliseconds:7.1f} {cpu_milliseconds:7.1f} {len(queries):7d} {instances.count:7d}  "
            + " ".join(f"{shares[n]:9.0%}" for n in names),
            flush=True,
        )
        own = sorted(
            (
                (tottime, f"{Path(filename).name}:{line}({function})")
                for (filename, line, function), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items()
            ),
            reverse=True,
        )
        total = sum(t for t, _ in own) or 1
        details.append((name, [(t / total, where) for t, where in own[: args.top]]))
    print("\nthe functions with the most time of their own (share of the profiled time):")
    for name, functions in details:
        print(f"  {name}: " + "; ".join(f"{where} {share:.0%}" for share, where in functions))
    return 0


def snapshot(args):
    application = django_application(args.database)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, path in PAGE_SETS[args.pages]:
        if (name, path) == MINIMAL:
            continue
        for prefix in LANGUAGE_PREFIXES:
            first = wsgi_get(application, prefix + path)
            again = wsgi_get(application, prefix + path)  # from the fragment caches, if the first stored them
            if first != again:
                raise SystemExit(f"{prefix + path}: the second rendering differs from the first")
            (out / f"{(prefix or '/zh').strip('/')}-{name}.html").write_bytes(first)
            count += 1
    print(f"{count} pages written to {out}")
    return 0


def compare(args):
    before, after = Path(args.before), Path(args.after)
    names = sorted(p.name for p in before.glob("*.html"))
    different = [n for n in names if not (after / n).is_file() or (after / n).read_bytes() != (before / n).read_bytes()]
    print(f"{len(names) - len(different)} of {len(names)} pages identical byte for byte")
    for name in different:
        print(f"  differs: {name}")
    return 1 if different or not names else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for command in ("ratios", "profile", "snapshot"):
        sub = commands.add_parser(command)
        sub.add_argument("--database", default="corridor_bench")
        sub.add_argument("--pages", choices=PAGE_SETS, default="scale")
        if command == "ratios":
            sub.add_argument("--seconds", type=int, default=4)
            sub.add_argument("--rounds", type=int, default=3)
        if command == "profile":
            sub.add_argument("--requests", type=int, default=20)
            sub.add_argument("--top", type=int, default=8)
            sub.add_argument("--sql", action="store_true", help="print each page's queries")
        if command == "snapshot":
            sub.add_argument("--out", required=True)
    sub = commands.add_parser("compare")
    sub.add_argument("before")
    sub.add_argument("after")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    return {"ratios": ratios, "profile": profile, "snapshot": snapshot, "compare": compare}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
