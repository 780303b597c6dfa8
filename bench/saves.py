"""What an editor's save costs the site under the mixed load (issue #27, line 4: docs/performance.md, "What a save
costs"). Two measures, on the demo data of bench/mixed.py (corridor_bench_demo, prepared by it):

    .venv/bin/python bench/saves.py [--field summary] cost [--saves 4]   # in one process: what a save renders again
    .venv/bin/python bench/saves.py [--field summary] alternate [--rounds 2]  # the mix without saves, with, minimal

--field: what the saves change, the description (the default, as bench/mixed.py's saver) or the summary, which
every card of the listing shows.

`cost` asks every address of the mix (bench/results/mixed-addresses-<database>.tsv, written by bench/mixed.py)
twice through Django's WSGI stack with the production settings and the page cache on (Redis database 12, a key
prefix of its own, emptied first; stale pages rendered by the request that finds them, so each render is seen),
then saves as bench/mixed_saver.py does and asks every address again: how many render again, their CPU time, by
page. `alternate` serves the database as bench/mixed.py does and runs, in turn, 10 s of the mix without saves,
10 s with bench/mixed_saver.py saving every 5 s and 6 s of the minimal page: throughput, latencies, stale answers
and the gunicorn workers' CPU time per request.
"""

import argparse
import collections
import os
import sys
import time
from pathlib import Path

import mixed
import run

ROOT = run.ROOT
TICKS = os.sysconf("SC_CLK_TCK")


def addresses(database):
    path = run.RESULTS / f"mixed-addresses-{database}.tsv"
    if not path.exists():
        raise SystemExit(f"{path} is missing: run bench/mixed.py --quick first")
    return [line.split("\t") for line in path.read_text().splitlines()]


def kind_of(path, fragment):
    base = path.split("?")[0]
    if "q=" in path:
        base = "search" if "/search/" in base else f"{base} (its search box)"
    return ("fragment " if fragment == "1" else "") + base


def cost(args):
    env = run.base_env(args.database, 0, True)
    env.update(
        REDIS_URL=run.redis_url().rsplit("/", 1)[0] + "/12",
        CACHE_KEY_PREFIX=f"bench-saves-{args.database}",
        DJANGO_PAGE_CACHE_REFRESH_IN_BACKGROUND="0",
        DJANGO_SETTINGS_MODULE="corridor_portal.settings",
    )
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import mixed_saver
    from django.core.cache import cache
    from django.test import Client

    from attractions.models import Attraction
    from villages.models import Village

    cache.clear()
    client = Client(HTTP_HOST="127.0.0.1")
    lines = addresses(args.database)

    def ask(path, fragment):
        headers = {"HTTP_X_REQUESTED_WITH": "fetch"} if fragment == "1" else {}
        started = time.process_time()
        status = client.get(path, **headers).get("X-Page-Cache")
        return status, (time.process_time() - started) * 1000

    for _ in range(2):
        for _weight, fragment, path in lines:
            ask(path, fragment)
    for turn in range(args.saves):
        saved = mixed_saver.save_one([Attraction, Village], turn, args.field)
        by_kind = collections.defaultdict(lambda: [0, 0.0])
        share = 0.0
        for weight, fragment, path in lines:
            status, cpu_ms = ask(path, fragment)
            if status != "hit":
                by_kind[kind_of(path, fragment)][0] += 1
                by_kind[kind_of(path, fragment)][1] += cpu_ms
                share += float(weight)
        rendered = sum(count for count, _ms in by_kind.values())
        cpu = sum(ms for _count, ms in by_kind.values())
        total = sum(float(weight) for weight, _f, _p in lines)
        print(
            f"save of {type(saved).__name__} {saved.pk}: {rendered} of {len(lines)} addresses rendered again "
            f"({share / total * 100:.1f} % of the requests), {cpu:.0f} ms of CPU"
        )
        for kind, (count, ms) in sorted(by_kind.items(), key=lambda item: -item[1][1])[:8]:
            print(f"  {count:4d} {ms:7.0f} ms  {kind}")
    cache.clear()
    return 0


def workers_cpu_seconds(server):
    """The CPU time (user + system) of the server's gunicorn workers so far."""
    master = server.process.pid
    total = 0.0
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def alternate(args):
    lines_file = run.RESULTS / f"mixed-addresses-{args.database}.tsv"
    minimal_file = run.RESULTS / "mixed-minimal.tsv"
    minimal_file.write_text("1\t0\t/bench/minimal/\n")
    with run.Server(args.database, cache_on=True) as server:
        mixed.generate_addresses(server, lines_file)
        mixed.ask_every_address_once(server, lines_file)
        mixed.wrk_mixed(server, lines_file, mixed.WARM_UP_SECONDS)
        print("round                 req/s  p50 ms  p99 ms  max ms  stale  workers' CPU ms a request", flush=True)
        for _ in range(args.rounds):
            for name in ("mix, no saves", "mix, saves", "minimal page"):
                run.settle(server)
                before = workers_cpu_seconds(server)
                if name == "mix, saves":
                    result = mixed.wrk_with_saver(server, lines_file, args.seconds, args.field)
                elif name == "mix, no saves":
                    result = mixed.wrk_mixed(server, lines_file, args.seconds, settle=False)
                else:
                    result = mixed.wrk_mixed(server, minimal_file, mixed.MINIMAL_SECONDS, settle=False)
                per_request = (workers_cpu_seconds(server) - before) / result["requests"] * 1000
                print(
                    f"{name:<20} {result['rps']:6.0f} {result['p50_ms']:7.1f} {result['p99_ms']:7.1f} "
                    f"{result['max_ms']:7.0f} {result['stale']:6d}  {per_request:.2f}",
                    flush=True,
                )
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=mixed.DEMO_DATABASE)
    parser.add_argument(
        "--field", choices=("description", "summary"), default="description", help="what the saves change (Chinese)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cost_parser = commands.add_parser("cost", help="what a save makes render again, in one process")
    cost_parser.add_argument("--saves", type=int, default=4)
    alternate_parser = commands.add_parser("alternate", help="the mix without saves, with them, the minimal page")
    alternate_parser.add_argument("--rounds", type=int, default=2)
    alternate_parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    return cost(args) if args.command == "cost" else alternate(args)


if __name__ == "__main__":
    sys.exit(main())
