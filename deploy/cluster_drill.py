"""Fault drills of the multi-machine shape, for `make rehearse-cluster` (scripts/rehearse-cluster.sh builds it).

Two loads run through HAProxy during every drill: visitors' page requests at a fixed rate (deploy/drill.py's
`Load`, the single-machine rehearsal's), and a signed-in editor saving one attraction in the admin again and again
(~100 ms apart), each save carrying a new token in its English name. A save is acknowledged when the POST answers
302 (the admin's redirect after saving); the history table (django-simple-history writes a row per save) is read
at the end: every acknowledged token must be there. Prints the table docs/deploy.md quotes.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from drill import Browser, Config, FormFields, Load, Result, fetch, read_pid


@dataclass
class Cluster:
    site: str = os.environ.get("DRILL_SITE", "")
    work: str = os.environ.get("DRILL_WORK", "")
    root: str = os.environ.get("DRILL_ROOT", ".")
    node_ports: list = field(default_factory=lambda: os.environ.get("DRILL_NODE_PORTS", "").split())
    haproxy_socket: str = os.environ.get("DRILL_HAPROXY_SOCKET", "")
    pg_version: str = os.environ.get("DRILL_PG_VERSION", "15")
    primary: str = os.environ.get("DRILL_PRIMARY", "")
    replica: str = os.environ.get("DRILL_REPLICA", "")
    primary_port: str = os.environ.get("DRILL_PG_PRIMARY_PORT", "")
    replica_port: str = os.environ.get("DRILL_PG_REPLICA_PORT", "")
    bouncer_port: str = os.environ.get("DRILL_BOUNCER_PORT", "")
    bouncer_ini: str = os.environ.get("DRILL_BOUNCER_INI", "")
    pgbouncer: str = os.environ.get("DRILL_PGBOUNCER", "pgbouncer")
    redis_primary_port: str = os.environ.get("DRILL_REDIS_PRIMARY_PORT", "")
    sentinel_ports: list = field(default_factory=lambda: os.environ.get("DRILL_SENTINEL_PORTS", "").split())
    edit_pk: str = os.environ.get("DRILL_EDIT_PK", "")
    admin_user: str = os.environ.get("DRILL_ADMIN_USER", "drill")
    admin_password: str = os.environ.get("DRILL_ADMIN_PASSWORD", "")

    @property
    def nodes(self):
        return [f"node{n}" for n in range(1, len(self.node_ports) + 1)]

    def load_config(self):
        return Config(
            site=self.site,
            detail_path=os.environ.get("DRILL_DETAIL_PATH", "/en/attractions/"),
            rate=float(os.environ.get("DRILL_RATE", "20")),
            threads=int(os.environ.get("DRILL_THREADS", "6")),
        )


def run(*command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout


# --- HAProxy's runtime API -------------------------------------------------------------------------------------


def haproxy(cluster, command):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(cluster.haproxy_socket)
        sock.sendall(command.encode() + b"\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode()


def server_stats(cluster):
    """{(backend, server): (status, current sessions)} from `show stat`."""
    lines = haproxy(cluster, "show stat").lstrip("# ").splitlines()
    header = lines[0].split(",")
    stats = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("svname") not in ("FRONTEND", "BACKEND", None):
            stats[(row["pxname"], row["svname"])] = (row["status"], int(row["scur"] or 0))
    return stats


def set_state(cluster, node, state):
    for backend in ("nodes_ready", "nodes_alive"):
        haproxy(cluster, f"set server {backend}/{node} state {state}")


def wait_for(predicate, seconds, step=0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


# --- The editor's saves ------------------------------------------------------------------------------------------


@dataclass
class Save:
    started: float
    status: int  # of the POST, or of the form's GET when that failed
    token: str | None  # the name's token when the POST was sent
    retry_after: str | None


class StaffSaves:
    """A signed-in editor saving one attraction through HAProxy, a new token each time, ~100 ms apart."""

    sequence = 0  # tokens stay unique across the drills

    def __init__(self, cluster, browser):
        self.cluster, self.browser, self.saves, self.lock = cluster, browser, [], threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def save_once(self):
        change = f"/admin/attractions/attraction/{self.cluster.edit_pk}/change/"
        started = time.monotonic()
        status, page = self.browser.request(change)
        if status != 200:
            return Save(started, status, None, self.browser.last_headers.get("Retry-After"))
        parser = FormFields("attraction_form")
        parser.feed(page)
        StaffSaves.sequence += 1
        token = f"drill-{os.getpid()}-{StaffSaves.sequence}"
        original = dict(parser.fields).get("name_en", "").split(" · drill-")[0]
        form = [(k, v) for k, v in parser.fields if k != "name_en"]
        form += [("name_en", f"{original} · {token}"), ("_save", "Save")]
        status, page = self.browser.request(change, form)
        if status == 200:
            status = 422  # the form came back with errors: not saved, and the drill's form is wrong
        return Save(started, status, token, self.browser.last_headers.get("Retry-After"))

    def run(self):
        while not self.stopping.is_set():
            save = self.save_once()
            with self.lock:
                self.saves.append(save)
            self.stopping.wait(0.1)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()

    def between(self, start, end=float("inf")):
        with self.lock:
            return [save for save in self.saves if start <= save.started < end]

    def acknowledged(self):
        with self.lock:
            return [save.token for save in self.saves if save.status == 302]


# --- Judging ------------------------------------------------------------------------------------------------------


def recovery(records, fault, ok=lambda status: status in (200, 302)):
    """Seconds from the fault to the first success after the last failure (0 when nothing failed after it)."""
    after = sorted((t, status) for t, status in records if t >= fault)
    failed = [t for t, status in after if not ok(status)]
    if not failed:
        return 0.0
    success = next((t for t, status in after if t > failed[-1] and ok(status)), None)
    return None if success is None else success - fault


def seconds(value):
    return "never" if value is None else f"{value:.1f} s"


@dataclass
class Drill:
    name: str
    load: Load
    saves: StaffSaves
    fault: float = 0.0

    def page_records(self):
        return self.load.between(0)

    def save_records(self):
        return [(save.started, save.status) for save in self.saves.between(0)]

    def counts(self):
        pages, saves = self.page_records(), self.save_records()
        failures = [s for _t, s in pages if s != 200] + [s for _t, s in saves if s != 302]
        server_errors = [s for _t, s in pages + saves if (s >= 500 and s != 503) or s == 0]
        return len(pages) + len(saves), len(failures), server_errors


def start_node(cluster, n):
    run("bash", f"{cluster.work}/start-node.sh", str(n))


def kill_node(cluster, n):
    pid = read_pid(f"{cluster.work}/node{n}/gunicorn.pid")
    os.killpg(os.getpgid(pid), signal.SIGKILL)  # master and workers, as if the machine went away


def drill_node_killed(cluster, load, saves):
    time.sleep(3)
    fault = time.monotonic()
    kill_node(cluster, 2)
    dropped = wait_for(lambda: server_stats(cluster)[("nodes_ready", "node2")][0].startswith("DOWN"), 10)
    dropped_after = time.monotonic() - fault
    time.sleep(8)
    start_node(cluster, 2)
    back = wait_for(lambda: server_stats(cluster)[("nodes_ready", "node2")][0] == "UP", 15)
    time.sleep(2)
    return fault, (dropped and dropped_after <= 3 and back), f"HAProxy dropped node 2 after {dropped_after:.1f} s", True


def drill_rolling_deploy(cluster, load, saves):
    time.sleep(2)
    fault = time.monotonic()
    notes = []
    for n, node in enumerate(cluster.nodes, start=1):
        started = time.monotonic()
        set_state(cluster, node, "drain")
        wait_for(lambda node=node: server_stats(cluster)[("nodes_ready", node)][1] == 0, 15)
        set_state(cluster, node, "maint")
        pid = read_pid(f"{cluster.work}/node{n}/gunicorn.pid")
        os.kill(pid, signal.SIGTERM)  # graceful: the workers finish what they have
        wait_for(lambda pid=pid: not os.path.exists(f"/proc/{pid}"), 30)
        start_node(cluster, n)
        set_state(cluster, node, "ready")
        wait_for(lambda node=node: server_stats(cluster)[("nodes_ready", node)][0] == "UP", 15)
        notes.append(f"{time.monotonic() - started:.1f}")
    time.sleep(2)
    return fault, True, f"drain, restart, ready: {' / '.join(notes)} s per node", True


def bouncer_admin(cluster, command):
    run("psql", "-h", "127.0.0.1", "-p", cluster.bouncer_port, "-U", "corridor", "-d", "pgbouncer", "-c", command)


def drill_pgbouncer_restarted(cluster, load, saves):
    time.sleep(2)
    pid = read_pid(f"{cluster.work}/pgbouncer/pgbouncer.pid")
    fault = time.monotonic()
    os.kill(pid, signal.SIGINT)  # "safe shutdown": waits for the transactions under way, then exits
    wait_for(lambda: not os.path.exists(f"/proc/{pid}"), 30)
    run("runuser", "-u", "postgres", "--", cluster.pgbouncer, "-d", "-q", cluster.bouncer_ini)
    time.sleep(8)
    return fault, True, "SIGINT (safe shutdown) + start: a real restart, not RELOAD", False


def drill_redis_failover(cluster, load, saves):
    time.sleep(2)
    sentinel = ["redis-cli", "-p", cluster.sentinel_ports[0], "sentinel", "get-master-addr-by-name", "g331"]
    before = run(*sentinel).split()
    fault = time.monotonic()
    run("redis-cli", "-p", cluster.redis_primary_port, "shutdown", "nosave")
    promoted = wait_for(lambda: run(*sentinel).split() != before, 30, step=0.2)
    failed_over = time.monotonic() - fault

    def every_node_ready():
        return all(fetch(f"http://127.0.0.1:{port}/readyz", timeout=3)[0] == 200 for port in cluster.node_ports)

    wait_for(every_node_ready, 30, step=0.2)
    ready = time.monotonic() - fault
    time.sleep(3)
    note = f"Sentinel promoted the replica after {failed_over:.1f} s; every node's cache ready after {ready:.1f} s"
    return fault, promoted, note, True


def drill_primary_failover(cluster, load, saves):
    time.sleep(3)
    fault = time.monotonic()
    run("pg_ctlcluster", cluster.pg_version, cluster.primary, "stop", "-m", "fast")
    time.sleep(6)  # the primary is gone: what do visitors and the editor get?
    promoted_at = time.monotonic()
    run("pg_ctlcluster", cluster.pg_version, cluster.replica, "promote")
    wait_for(lambda: "f" in run("psql", "-h", "127.0.0.1", "-p", cluster.replica_port, "-U", "corridor", "-d", "g331",
                                 "-Atc", "SELECT pg_is_in_recovery()"), 30, step=0.2)  # fmt: skip
    # What Patroni or a managed service's endpoint would do: the pooler now points at the new primary.
    with open(cluster.bouncer_ini) as handle:
        ini = handle.read()
    with open(cluster.bouncer_ini, "w") as handle:
        handle.write(ini.replace(f"port={cluster.primary_port} ", f"port={cluster.replica_port} "))
    bouncer_admin(cluster, "RELOAD")
    repointed = time.monotonic() - fault
    time.sleep(8)
    during = saves.between(fault + 1, promoted_at)
    with_retry_after = [s for s in during if s.status == 503 and s.retry_after]
    note = (
        f"while down: {len(during)} saves, {len(with_retry_after)} answered 503 + Retry-After; "
        f"promoted and PgBouncer repointed {repointed:.1f} s after the stop"
    )
    passed = bool(during) and len(with_retry_after) == len(during)
    return fault, passed, note, False


def saved_tokens(cluster):
    """Every drill token in the attraction's history, read on the database that is primary at the end."""
    query = (
        "SELECT substring(name_en from ' · (drill-[0-9]+-[0-9]+)$') FROM attractions_historicalattraction "
        "WHERE id = :'pk' AND name_en LIKE '% · drill-%'"
    )
    database = ["-h", "127.0.0.1", "-p", cluster.bouncer_port, "-U", "corridor", "-d", "g331"]
    out = run("psql", *database, "-v", f"pk={int(cluster.edit_pk)}", "-At", input=query)
    return {line for line in out.splitlines() if line}


DRILLS = [
    ("application node killed (SIGKILL)", drill_node_killed),
    ("rolling deploy across 3 nodes", drill_rolling_deploy),
    ("PgBouncer restarted", drill_pgbouncer_restarted),
    ("Redis primary stopped, Sentinel failover", drill_redis_failover),
    ("PostgreSQL primary stopped, replica promoted", drill_primary_failover),
]


def signed_in_editor(cluster):
    browser = Browser(cluster.site)
    if not browser.sign_in(cluster.admin_user, cluster.admin_password):
        raise SystemExit("the drill's editor could not sign in")
    return browser


def main():
    cluster = Cluster()
    editor = signed_in_editor(cluster)
    saves_all = []
    results = []
    for name, drill in DRILLS:
        print(f"==> drill: {name}", flush=True)
        with Load(cluster.load_config()) as load, StaffSaves(cluster, editor) as saves:
            fault, passed, note, must_not_fail = drill(cluster, load, saves)
        requests, failures, server_errors = Drill(name, load, saves).counts()
        pages = load.between(0)
        save_records = [(s.started, s.status) for s in saves.between(0)]
        page_recovery = recovery(pages, fault, ok=lambda s: s == 200)
        save_recovery = recovery(save_records, fault, ok=lambda s: s == 302)
        first_save = next((s.started for s in saves.between(fault) if s.status == 302), None)
        if name.startswith("PostgreSQL"):
            recovered = (
                f"saves {seconds(None if first_save is None else first_save - fault)}, pages {seconds(page_recovery)}"
            )
        else:
            recovered = f"pages {seconds(page_recovery)}, saves {seconds(save_recovery)}"
        passed = passed and not server_errors and (failures == 0 or not must_not_fail)
        failed = Counter([s for _t, s in pages if s != 200] + [s for _t, s in save_records if s != 302])
        if failed:
            note += "; failures: " + ", ".join(f"{count} × {status}" for status, count in sorted(failed.items()))
        if server_errors:
            note += f"; {len(server_errors)} answers were errors other than 503: {sorted(set(server_errors))}"
        results.append(Result(name, requests, failures, recovered, passed, note, load.p95_ms()))
        saves_all.extend(saves.saves)
        time.sleep(2)

    acknowledged = {save.token for save in saves_all if save.status == 302}
    found = saved_tokens(cluster)
    lost = acknowledged - found
    results.append(
        Result(
            "acknowledged saves still there",
            len(acknowledged),
            len(lost),
            "-",
            not lost and bool(acknowledged),
            f"{len(acknowledged)} saves answered 302, {len(acknowledged & found)} of them in the history "
            "on the new primary",
        )
    )

    width = max(len(r.drill) for r in results)
    print()
    print(f"{'drill':<{width}}  {'requests':>8}  {'failures':>8}  {'p95 ms':>6}  {'recovery':<28}  result  note")
    for r in results:
        verdict = "PASS" if r.passed else "FAIL"
        print(
            f"{r.drill:<{width}}  {r.requests:>8}  {r.failures:>8}  {r.p95_ms or '-':>6}  {r.recovery:<28}  "
            f"{verdict:<6}  {r.note}"
        )
    config = cluster.load_config()
    print(f"\nload: {config.rate:g} page requests/s from {config.threads} threads + 1 editor saving ~every 100 ms, "
          "all through HAProxy (TLS) on loopback")  # fmt: skip
    load1, load5, _load15 = os.getloadavg()
    print(f"machine: {os.cpu_count()} CPUs, load average {load1:.1f} (1 min) / {load5:.1f} (5 min) at the end")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
