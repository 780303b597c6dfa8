"""Where an uncached page's time goes: cProfile over the pages of `make bench`, summed by who spends it.

    .venv/bin/python bench/profile_pages.py [--requests 30] [--database corridor_bench] [--top 12]

Runs in this process, through the whole Django stack (WSGIHandler, as gunicorn calls it) with the production
settings and the page cache off, against the scale data set `make bench` loads (corridor_bench). For each page:
milliseconds per request without the profiler, and with it the share of the time in
- the template engine (django/template: variable lookups, tags, filters, escaping),
- query building and model instances (django/db: compiling SQL, making rows into objects),
- waiting for PostgreSQL (psycopg: sending queries and reading their answers),
- languages (modeltranslation's fields, gettext) and URLs (reverse, resolve),
- the portal's own code (corridor_portal, attractions, villages, routes, ports, events, dashboard),
- the rest (URL resolving, translations, middleware, the standard library),
(a built-in function such as getattr() counts for the code that called it),
and the functions with the most time of their own. The shares are of the profiled run (cProfile slows pure
Python more than waiting), so they say where to look, the first column what a request costs.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# After the project: bench/photos.py would otherwise stand in for the photos app when Django starts here.
sys.path.append(str(ROOT / "bench"))

from run import PAGES, RESULTS, base_env  # noqa: E402 -- after the path is set

# Where the time goes, by who spends it (a built-in counts for the code that called it); bench/misses.py too.
BUCKETS = [
    ("templates", ("/django/template/", "/django/templatetags/")),
    ("ORM", ("/django/db/",)),
    ("database", ("/psycopg/", "/psycopg_binary/")),
    ("languages", ("/modeltranslation/", "/django/utils/translation/")),
    ("URLs", ("/django/urls/",)),
    ("portal", (f"/{ROOT.name}/",)),  # after site-packages (see bucket)
]


def bucket(filename):
    if "site-packages" in filename and not any(m in filename for _n, markers in BUCKETS[:-1] for m in markers):
        return "other"  # a library under the project's .venv is not the portal's code
    for name, markers in BUCKETS:
        if any(marker in filename for marker in markers):
            return name
    return "other"


def shares_of(stats):
    """{bucket: share of the profiled time}; a built-in (getattr, isinstance…) counts for whoever called it."""
    shares = dict.fromkeys([name for name, _ in BUCKETS] + ["other"], 0.0)
    for (filename, _line, _function), (_cc, _nc, tottime, _ct, callers) in stats.stats.items():
        if filename == "~" and callers:
            for (caller_file, _l, _f), caller_stats in callers.items():
                shares[bucket(caller_file)] += caller_stats[2]
        else:
            shares[bucket(filename)] += tottime
    total = sum(shares.values()) or 1
    return {name: value / total for name, value in shares.items()}


def profiled(application, path, requests):
    """cProfile's statistics of `requests` GETs of `path` through the whole stack."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        wsgi_get(application, path)
    profiler.disable()
    return pstats.Stats(profiler)


def wsgi_get(application, path):
    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": urllib.parse.unquote(path_info),
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_USER_AGENT": "bench/misses.py",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
    }
    statuses = []
    body = b"".join(application(environ, lambda status, headers: statuses.append(status)))
    if not statuses[0].startswith("200"):
        raise SystemExit(f"{path} answered {statuses[0]}")
    return body


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--database", default="corridor_bench")
    parser.add_argument("--top", type=int, default=6, help="functions listed per page (default 6)")
    args = parser.parse_args()

    os.environ.update(base_env(args.database, 0, cache_on=False))
    os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["DJANGO_MEDIA_ROOT"] = str(RESULTS / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor_portal.settings")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    application = WSGIHandler()
    names = [name for name, _ in BUCKETS] + ["other"]
    print(f"{'page':26} {'ms/request':>10}  " + "  ".join(f"{name:>9}" for name in names))
    details = []
    for page, path in PAGES:
        wsgi_get(application, path)  # warm: templates compiled, connection open
        start = time.perf_counter()
        for _ in range(args.requests):
            wsgi_get(application, path)
        milliseconds = (time.perf_counter() - start) / args.requests * 1000
        stats = profiled(application, path, args.requests)
        shares = shares_of(stats)
        own = [
            (tottime, f"{Path(filename).name}:{line}({function})")
            for (filename, line, function), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items()
        ]
        print(f"{page:26} {milliseconds:10.1f}  " + "  ".join(f"{shares[name]:9.0%}" for name in names))
        own.sort(reverse=True)
        details.append((page, [(seconds / args.requests * 1000, where) for seconds, where in own[: args.top]]))
    print("\nthe functions with the most time of their own (profiled ms per request):")
    for page, functions in details:
        print(f"  {page}: " + "; ".join(f"{where} {ms:.1f}" for ms, where in functions))


if __name__ == "__main__":
    sys.exit(main())
