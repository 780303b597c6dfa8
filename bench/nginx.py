"""`make bench`, the production shape: the pages through nginx's microcache, against a static file and Django.

    .venv/bin/python bench/nginx.py [--seconds 3] [--rounds 5] [--dataset main|500]

nginx runs deploy/nginx/g331.conf itself (made runnable on loopback by deploy/nginx_site.py: its ports, paths and
a self-signed certificate; HTTPS as in production) in front of `make bench`'s gunicorn (bench/run.py's Server,
page cache on). wrk (16 connections, over TLS, kept-alive) measures, round after round, one after another:

- each page served from nginx's microcache (an attraction page and the attractions list);
- nginx serving a static file of exactly that page's bytes (written under staticfiles/bench-probe/, with the
  .gz beside it that collectstatic writes for every static file; removed afterwards): the same nginx, TLS,
  headers snippet and gzip settings — "the speed of static files";
- the minimal Django page (/bench/minimal/) through the same nginx, passed to gunicorn without the microcache
  (deploy/nginx_site.py --bench adds that one location): what every request would cost without it.

Twice: as wrk sends it (no Accept-Encoding: both answers are the plain bytes) and as a browser does
(Accept-Encoding: gzip, br: the static file goes out as its .gz; the cached page is compressed by nginx on
every hit, its gzip settings). Each figure is the mean of the two best rounds (bench/run.py's score(): other
jobs on the machine only ever slow a run down). Targets (issue #27): a cached page ≥ 0.8× the static file
and ≥ 5× the minimal Django page through the same nginx.

Before measuring it checks the microcache's rules on the running nginx: a page is a HIT on its second request,
and a request with a session cookie is a BYPASS, never served from (nor stored in) the microcache.
"""

import argparse
import contextlib
import gzip
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "deploy"))

import nginx_site  # noqa: E402 - deploy/nginx_site.py
import run  # noqa: E402 - bench/run.py: the Server, wrk and the scoring of `make bench`

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PAGES = [("attraction page", "/attractions/synthetic-attraction-1/"), ("attractions list", "/attractions/")]
MINIMAL = "/bench/minimal/"
PROBE_DIR = ROOT / "staticfiles" / "bench-probe"
BROWSER_ENCODING = "gzip, br"
TARGET_OF_STATIC = 0.8
TARGET_OF_DJANGO = 5.0
INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE  # the rehearsal's self-signed certificate, on loopback only


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - https://127.0.0.1 only
    with urllib.request.urlopen(request, timeout=30, context=INSECURE) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


def wrk(url, seconds, encoding=None):
    """bench/run.py's wrk, with the browser's Accept-Encoding when given (wrk sends none of its own)."""
    command = ["wrk", "-t2", f"-c{run.CONNECTIONS}", f"-d{seconds}s", "--timeout=20s", "--latency", url]
    if encoding:
        command[1:1] = ["-H", f"Accept-Encoding: {encoding}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": run.parse_ms(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)),
        "p99_ms": run.parse_ms(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


@contextlib.contextmanager
def nginx_in_front(server):
    work = Path(tempfile.mkdtemp(prefix="g331-bench-nginx."))
    work.chmod(0o755)
    http_port, https_port = run.free_port(), run.free_port()
    conf = nginx_site.write(
        work,
        [server.port],
        http_port,
        https_port,
        static_root=ROOT / "staticfiles",
        media_root=run.RESULTS / "media",
        bench=True,
    )
    subprocess.run([NGINX, "-t", "-q", "-c", str(conf)], check=True)
    subprocess.run([NGINX, "-c", str(conf)], check=True)
    try:
        base = f"https://127.0.0.1:{https_port}"
        for _ in range(50):
            with contextlib.suppress(OSError):
                if get(base + MINIMAL)[0] == 200:
                    break
            time.sleep(0.1)
        yield base
    finally:
        subprocess.run([NGINX, "-c", str(conf), "-s", "quit"], check=False)
        for _ in range(50):
            if not (work / "nginx" / "nginx.pid").exists():
                break
            time.sleep(0.1)
        shutil.rmtree(work, ignore_errors=True)


def write_probes(base):
    """A static file of each page's exact bytes (and its .gz, as collectstatic writes one for every file)."""
    PROBE_DIR.mkdir(parents=True, exist_ok=True)
    probes = {}
    for name, path in PAGES:
        _status, _headers, body = get(base + path)
        file = PROBE_DIR / (path.strip("/").replace("/", "-") + ".html")
        file.write_bytes(body)
        file.with_name(file.name + ".gz").write_bytes(gzip.compress(body, 9))
        probes[name] = {"path": "/static/bench-probe/" + file.name, "bytes": len(body)}
    return probes


def microcache_rules(base):
    """What the microcache must do, checked on the running nginx before it is measured."""
    path = PAGES[0][1]
    get(base + path)
    second = get(base + path)[1].get("X-Micro-Cache")
    with_session = get(base + path, {"Cookie": "sessionid=bench"})[1].get("X-Micro-Cache")
    host_session = get(base + path, {"Cookie": "theme=dark; __Host-sessionid=bench"})[1].get("X-Micro-Cache")
    checks = {"second request": second, "sessionid cookie": with_session, "__Host-sessionid cookie": host_session}
    problems = []
    if second not in ("HIT", "STALE", "UPDATING"):
        problems.append(f"second request of {path} was {second}, not a HIT")
    if with_session != "BYPASS" or host_session != "BYPASS":
        problems.append(f"a request with a session cookie was {with_session}/{host_session}, not BYPASS")
    return checks, problems


def measure(base, probes, seconds, rounds, encoding):
    targets = [("minimal Django page", base + MINIMAL)]
    for name, path in PAGES:
        targets.append((f"{name}, microcache", base + path))
        targets.append((f"{name}, static file", base + probes[name]["path"]))
    for _name, url in targets:  # every worker, connection and TLS session warmed up, unrecorded
        wrk(url, 1, encoding)
    runs = {name: [] for name, _url in targets}
    for _round in range(rounds):
        for name, url in targets:
            runs[name].append(wrk(url, seconds, encoding))
    result = {}
    for name, _url in targets:
        best = run.best_runs_mean([r["rps"] for r in runs[name]], run.TOP_RUNS)
        p99 = sorted(r["p99_ms"] for r in runs[name])[len(runs[name]) // 2]
        failed = sum(r["non_2xx"] for r in runs[name])
        result[name] = {"rps": best, "p99_ms": p99, "non_2xx": failed, "rounds": runs[name]}
    for name, _path in PAGES:
        cached = result[f"{name}, microcache"]["rps"]
        result[f"{name}, microcache"]["of_static"] = cached / result[f"{name}, static file"]["rps"]
        result[f"{name}, microcache"]["of_django"] = cached / result["minimal Django page"]["rps"]
    return result


def print_table(label, result):
    print(f"\n{label}")
    print(f"  {'':38} {'req/s':>8} {'p99 ms':>8} {'× static':>9} {'× Django':>9}")
    for name, row in result.items():
        ratios = ""
        if "of_static" in row:
            ok_static = "met" if row["of_static"] >= TARGET_OF_STATIC else "NOT met"
            ok_django = "met" if row["of_django"] >= TARGET_OF_DJANGO else "NOT met"
            ratios = f" {row['of_static']:8.2f}× {row['of_django']:8.1f}×   ({ok_static}; {ok_django})"
        errors = f"  {row['non_2xx']} non-2xx" if row["non_2xx"] else ""
        print(f"  {name:38} {row['rps']:8.0f} {row['p99_ms']:8.1f}{ratios}{errors}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=3, help="seconds of each wrk run (default 3)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds over the five addresses (default 5)")
    parser.add_argument("--dataset", default="main", choices=sorted(run.DATASETS), help="bench/scenarios.py")
    parser.add_argument("--prepare", action="store_true", help="load the data set first (make bench has)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("bench/nginx.py runs nginx as the machine runs it (workers as www-data): run it as root")
        return 2
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    database = run.DATASETS[args.dataset][0]
    if args.prepare:
        run.prepare(args.dataset)
        run.manage(run.base_env(database, 0, True), "collectstatic", "--noinput")
    report = {"date": time.strftime("%Y-%m-%d %H:%M"), "load_average": os.getloadavg(), "dataset": database}
    with run.Server(database, cache_on=True) as server, nginx_in_front(server) as base:
        try:
            probes = write_probes(base)
            checks, problems = microcache_rules(base)
            report.update(probes=probes, microcache_rules=checks)
            print(f"· nginx {base} → gunicorn {server.base}; microcache rules: {checks}", flush=True)
            if problems:
                print("microcache rules broken: " + "; ".join(problems))
                return 1
            for label, encoding in (("as wrk asks (no compression)", None), ("as a browser asks", BROWSER_ENCODING)):
                result = measure(base, probes, args.seconds, args.rounds, encoding)
                report[label] = result
                print_table(f"Through nginx, {label}, {run.CONNECTIONS} connections, TLS:", result)
        finally:
            shutil.rmtree(PROBE_DIR, ignore_errors=True)
    report["load_average_after"] = os.getloadavg()
    out = run.RESULTS / f"nginx-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"\nload average {report['load_average'][0]:.1f} before, {report['load_average_after'][0]:.1f} after")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
