"""Fault drills under a bounded load, for `make rehearse` (scripts/rehearse.sh starts what they need).

Everything stays on loopback. The load is a few threads asking nginx for real pages at a fixed total
rate; each drill does its damage, waits, repairs what it broke and is judged on the requests it saw.
Configuration comes from the environment that rehearse.sh sets (see `Config`). Prints a table.
"""

import html.parser
import http.cookies
import os
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field

LOAD_PATHS = ["/en/", "/en/attractions/", "/en/villages/", "/en/routes/", "/attractions/", "/ko/villages/"]


@dataclass
class Config:
    site: str = os.environ.get("DRILL_SITE", "https://127.0.0.1:8443")
    http_site: str = os.environ.get("DRILL_HTTP_SITE", "http://127.0.0.1:8080")
    app_a: str = os.environ.get("DRILL_APP_A", "http://127.0.0.1:8001")
    app_b: str = os.environ.get("DRILL_APP_B", "http://127.0.0.1:8002")
    pid_a: str = os.environ.get("DRILL_PID_A", "")
    pid_b: str = os.environ.get("DRILL_PID_B", "")
    pg_stop: str = os.environ.get("DRILL_PG_STOP", "")
    pg_start: str = os.environ.get("DRILL_PG_START", "")
    start_a: str = os.environ.get("DRILL_START_A", "")
    start_b: str = os.environ.get("DRILL_START_B", "")
    detail_path: str = os.environ.get("DRILL_DETAIL_PATH", "/en/attractions/")
    edit_pk: str = os.environ.get("DRILL_EDIT_PK", "")
    admin_user: str = os.environ.get("DRILL_ADMIN_USER", "drill")
    admin_password: str = os.environ.get("DRILL_ADMIN_PASSWORD", "")
    rate: float = float(os.environ.get("DRILL_RATE", "40"))  # requests per second, all threads together
    threads: int = int(os.environ.get("DRILL_THREADS", "8"))


INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE  # the rehearsal's self-signed certificate

# deploy/nginx/g331.conf's proxy_cache_valid: how long a visitor may see a page from before an edit.
MICROCACHE_SECONDS = 2


def fetch(url, data=None, headers=None, timeout=30):
    """(status, headers, body) of one request; status 0 when no HTTP answer came back."""
    request = urllib.request.Request(url, data=data, headers={"Host": "localhost", **(headers or {})})  # noqa: S310
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=INSECURE), NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except (OSError, urllib.error.URLError):
        return 0, {}, b""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Load:
    """A fixed-rate stream of GETs through nginx, each answer kept as (time, status)."""

    config: Config
    records: list = field(default_factory=list)

    def __post_init__(self):
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.workers = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(self.config.threads)]

    def run(self, n):
        interval = self.config.threads / self.config.rate
        paths = [*LOAD_PATHS, self.config.detail_path]
        i = n
        while not self.stopping.is_set():
            started = time.monotonic()
            path = paths[i % len(paths)]
            if i % 2:  # every other request misses the page cache and needs the database
                path += f"?q=drill{uuid.uuid4().hex[:6]}" if path.endswith("s/") else f"?v={uuid.uuid4().hex[:6]}"
            status, _headers, _body = fetch(self.config.site + path)
            with self.lock:
                self.records.append((started, status, time.monotonic() - started))
            i += 1
            self.stopping.wait(max(0.0, interval - (time.monotonic() - started)))

    def __enter__(self):
        for worker in self.workers:
            worker.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for worker in self.workers:
            worker.join()

    def between(self, start, end=float("inf")):
        with self.lock:
            return [(t, status) for t, status, _seconds in self.records if start <= t < end]

    def statuses(self):
        with self.lock:
            return [status for _t, status, _seconds in self.records]

    def p95_ms(self):
        with self.lock:
            durations = sorted(seconds for _t, _status, seconds in self.records)
        return round(durations[int(len(durations) * 0.95)] * 1000) if durations else 0


@dataclass
class Result:
    drill: str
    requests: int
    failures: int
    recovery: str
    passed: bool
    note: str = ""
    p95_ms: int = 0


def children(pid):
    try:
        return set(subprocess.check_output(["pgrep", "-P", str(pid)], text=True).split())
    except subprocess.CalledProcessError:
        return set()


def read_pid(path):
    with open(path) as handle:
        return int(handle.read().strip())


def wait_healthy(base, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if fetch(base + "/healthz", headers={"X-Forwarded-Proto": "https"}, timeout=2)[0] == 200:
            return True
        time.sleep(0.2)
    return False


def drill_postgres_restart(config):
    with Load(config) as load:
        time.sleep(3)
        stopped = time.monotonic()
        subprocess.run(["bash", "-c", config.pg_stop], check=True)
        time.sleep(5)
        started = time.monotonic()
        subprocess.run(["bash", "-c", config.pg_start], check=True)
        time.sleep(12)
    during = load.between(stopped, started)
    after = load.between(started)
    wrong_while_down = [s for _t, s in during if s not in (200, 503)]
    errors_after = [t for t, s in after if s != 200]
    recovered_at = max(errors_after) if errors_after else started
    recovery = recovered_at - started
    failures = len(wrong_while_down) + len([1 for _t, s in after if s not in (200, 503)])
    unavailable = load.statuses().count(503)
    return Result(
        "PostgreSQL stopped 5 s, then started",
        len(load.records),
        failures,
        f"{recovery:.1f} s after start",
        failures == 0 and recovery <= 10,
        f"{unavailable} answers were 503 + Retry-After while it was down",
        load.p95_ms(),
    )


def drill_hup(config):
    pid = read_pid(config.pid_a)
    before = children(pid)
    with Load(config) as load:
        time.sleep(3)
        os.kill(pid, signal.SIGHUP)
        time.sleep(12)
    replaced = not (before & children(pid))
    failures = sum(1 for s in load.statuses() if s != 200)
    note = "all workers replaced" if replaced else "workers NOT replaced"
    passed = failures == 0 and replaced
    return Result("gunicorn A reloaded (kill -HUP)", len(load.records), failures, "-", passed, note, load.p95_ms())


def drill_kill(config):
    pid = read_pid(config.pid_b)
    with Load(config) as load:
        time.sleep(3)
        killed = time.monotonic()
        os.killpg(os.getpgid(pid), signal.SIGKILL)  # the master and its workers, as if the machine lost them
        time.sleep(10)
    failures = sum(1 for _t, s in load.between(killed) if s != 200)
    restarted = time.monotonic()
    subprocess.run(["bash", "-c", config.start_b], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    back = wait_healthy(config.app_b)
    return Result(
        "gunicorn B killed (SIGKILL)",
        len(load.records),
        sum(1 for s in load.statuses() if s != 200),
        f"B restarted in {time.monotonic() - restarted:.1f} s",
        failures == 0 and back,
        "nginx sent everything to A",
        load.p95_ms(),
    )


def drill_both_down(config):
    """Both instances killed for 5 s: nginx answers every request at once, with a page its microcache still holds
    (kept 2 s) or the portal's own page (502, in four languages, never cached), and pages come back once the
    instances do. The page checked is one nobody asked for before (its own query string): never in the cache."""
    with Load(config) as load:
        time.sleep(3)
        down = time.monotonic()
        for pid_file in (config.pid_a, config.pid_b):
            os.killpg(os.getpgid(read_pid(pid_file)), signal.SIGKILL)
        time.sleep(1)
        status, headers, body = fetch(config.site + f"/en/attractions/?drill={uuid.uuid4().hex[:8]}")
        time.sleep(4)
        restarted = time.monotonic()
        for start in (config.start_a, config.start_b):
            subprocess.run(["bash", "-c", start], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        back = wait_healthy(config.app_a) and wait_healthy(config.app_b)
        healthy = time.monotonic()
        time.sleep(10)
    page = body.decode(errors="replace")
    page_problems = [
        problem
        for problem, wrong in (
            (f"status {status}", status != 502),
            ("not the portal's page", not all(text in page for text in ("G331", "马上回来", "Back in a moment"))),
            (f"Cache-Control {headers.get('Cache-Control')}", headers.get("Cache-Control") != "no-store"),
            ("no Retry-After", "Retry-After" not in headers),
        )
        if wrong
    ]
    while_down = load.between(down + 0.5, restarted)
    not_502 = [s for _t, s in while_down if s not in (502, 200)]  # 200: from the microcache
    # nginx leaves an instance that failed alone for fail_timeout (5 s) before it asks it again.
    errors_after = [t for t, s in load.between(healthy) if s != 200]
    recovery = (max(errors_after) if errors_after else healthy) - healthy
    passed = back and not page_problems and not not_502 and recovery <= 7
    cached = sum(1 for _t, s in while_down if s == 200)
    note = "; ".join(page_problems) or (
        f"{len(while_down)} answers while down: {cached} from the microcache, the others the portal's 502 page"
    )
    return Result(
        "gunicorn A and B killed 5 s",
        len(load.records),
        len(not_502),
        f"{recovery:.1f} s after both were healthy",
        passed,
        note,
        load.p95_ms(),
    )


class FormFields(html.parser.HTMLParser):
    """The values a browser would submit from the admin's change form."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None


class Browser:
    """A staff member's browser talking straight to one instance, as nginx would (HTTPS, trusted proxy)."""

    def __init__(self, base):
        self.base, self.cookies, self.requests = base, {}, 0
        self.last_headers = {}  # of the last answer (deploy/cluster_drill.py reads its Retry-After)

    def request(self, path, data=None):
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://localhost{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        status, response_headers, content = fetch(self.base + path, body, headers)
        self.requests += 1
        self.last_headers = response_headers or {}
        set_cookies = response_headers.get_all("Set-Cookie") if response_headers else None
        for header in set_cookies or []:
            cookie = http.cookies.SimpleCookie()
            cookie.load(header)
            self.cookies.update({key: morsel.value for key, morsel in cookie.items()})
        return status, content.decode("utf-8", "replace")

    def csrf(self, page):
        return page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]

    def sign_in(self, username, password):
        """Sign in through the admin's login form; True when the admin let this browser in."""
        _status, page = self.request("/admin/login/")
        status, _page = self.request(
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": self.csrf(page), "username": username, "password": password},
        )
        return status == 302


def drill_edit(config):
    staff = Browser(config.app_a)
    if not staff.sign_in(config.admin_user, config.admin_password):
        return Result("edit on A, read on B", staff.requests, 1, "-", False, "the admin refused the sign-in")
    change = f"/admin/attractions/attraction/{config.edit_pk}/change/"
    _status, page = staff.request(change)
    parser = FormFields("attraction_form")
    parser.feed(page)
    token = f"drill-{uuid.uuid4().hex[:8]}"
    original = dict(parser.fields).get("name_en", "").split(" · drill-")[0]
    form = [(k, v) for k, v in parser.fields if k != "name_en"]
    form += [("name_en", f"{original} · {token}"), ("_save", "Save")]
    status, page = staff.request(change, form)
    saved = time.monotonic()
    if status != 302:
        errors = page.split('class="errorlist', 1)[1][:300] if "errorlist" in page else page[:300]
        return Result("edit on A, read on B", staff.requests, 1, "-", False, f"save answered {status}: {errors}")
    visitor = Browser(config.app_b)
    status, page = visitor.request(config.detail_path)
    seen = time.monotonic() - saved
    # Through nginx a visitor may get the microcache's copy for up to its lifetime (2 s): asked every 100 ms.
    reads = 0
    while True:
        reads += 1
        through_nginx = fetch(config.site + config.detail_path)[2].decode()
        seen_through_nginx = time.monotonic() - saved
        if token in through_nginx or seen_through_nginx > MICROCACHE_SECONDS + 1:
            break
        time.sleep(0.1)
    ok = status == 200 and token in page and token in through_nginx
    return Result(
        "edit on A, read on B",
        staff.requests + visitor.requests + reads,
        0 if ok else 1,
        f"B at once ({seen * 1000:.0f} ms), nginx {seen_through_nginx:.1f} s",
        ok,
        f"name changed in A's admin, seen on B, through nginx within its microcache's {MICROCACHE_SECONDS} s",
    )


def smoke(config):
    """The shape itself: HTTP redirects, headers on pages and files, compression."""
    problems = []
    status, headers, _ = fetch(config.http_site + "/en/")
    if status != 301 or not headers.get("Location", "").startswith("https://"):
        problems.append(f"HTTP does not redirect to HTTPS ({status})")
    status, headers, _ = fetch(config.site + "/en/", headers={"Accept-Encoding": "gzip"})
    for name in ("Strict-Transport-Security", "Content-Security-Policy", "X-Request-ID", "Permissions-Policy"):
        if name not in headers:
            problems.append(f"page without {name}")
    if headers.get("Content-Encoding") != "gzip":
        problems.append("page not compressed")
    css = next(
        (line for line in fetch(config.site + "/en/")[2].decode().split('"') if line.startswith("/static/css/site.")),
        None,
    )
    status, headers, _ = fetch(config.site + css) if css else (0, {}, b"")
    if status != 200 or "immutable" not in headers.get("Cache-Control", ""):
        problems.append(f"hashed static file not cached for long ({status} {headers.get('Cache-Control')})")
    return problems


def main():
    config = Config()
    problems = smoke(config)
    results = []
    for drill in (drill_postgres_restart, drill_hup, drill_kill, drill_edit, drill_both_down):
        print(f"==> drill: {drill.__name__.removeprefix('drill_')}", flush=True)
        results.append(drill(config))
        time.sleep(2)
    width = max(len(r.drill) for r in results)
    print()
    print(f"{'drill':<{width}}  {'requests':>8}  {'failures':>8}  {'p95 ms':>6}  {'recovery':<38}  result  note")
    for r in results:
        verdict = "PASS" if r.passed else "FAIL"
        p95 = r.p95_ms or "-"
        print(
            f"{r.drill:<{width}}  {r.requests:>8}  {r.failures:>8}  {p95:>6}  {r.recovery:<38}  {verdict:<6}  {r.note}"
        )
    print(f"\nload: {config.rate:g} requests/s from {config.threads} threads, through nginx on loopback")
    load1, load5, _load15 = os.getloadavg()
    print(f"machine: {os.cpu_count()} CPUs, load average {load1:.1f} (1 min) / {load5:.1f} (5 min) at the end")
    for problem in problems:
        print(f"shape problem: {problem}")
    return 0 if all(r.passed for r in results) and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
