"""deploy/nginx/g331.conf run by Debian's nginx (through deploy/nginx_site.py, as `make rehearse` and `make bench`
run it) in front of a small stand-in for gunicorn that counts what reaches it: the microcache keeps pages
compressed once, never serves a session, and the application's own errors pass as they are."""

import gzip
import http.server
import importlib.util
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PAGE = ("<!doctype html><title>长白山</title>" + "<p>天池 · 백두산 · Чанбайшань</p>" * 200).encode()

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists() or os.geteuid() != 0, reason="needs Debian's nginx, run as root (make test installs it)"
)


class StandIn(http.server.BaseHTTPRequestHandler):
    """gunicorn's stand-in: a page, the application's own 503, and a count of the requests that reached it."""

    hits = []  # shared by the server's threads, emptied by each test's nginx fixture

    def do_GET(self):
        StandIn.hits.append((self.path, self.headers.get("Accept-Encoding", "")))
        if self.path.startswith("/busy/"):
            body = b"<p>database away</p>"
            self.send_response(503)
            self.send_header("Retry-After", "17")
        else:
            body = PAGE
            self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def nginx_site():
    """deploy/nginx_site.py (a script, not a package of the portal)."""
    spec = importlib.util.spec_from_file_location("nginx_site", ROOT / "deploy" / "nginx_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def nginx_work():
    """A folder nginx's workers (www-data) can reach: pytest's own tmp folders are root's alone."""
    work = Path(tempfile.mkdtemp(prefix="g331-test-nginx."))
    work.chmod(0o755)
    yield work
    shutil.rmtree(work, ignore_errors=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nginx(nginx_work):
    StandIn.hits.clear()
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    work = nginx_work
    https_port = free_port()
    conf = nginx_site().write(
        work, [app.server_address[1]], free_port(), https_port, static_root=ROOT / "static", media_root=work / "media"
    )
    subprocess.run([NGINX, "-t", "-q", "-c", str(conf)], check=True)
    subprocess.run([NGINX, "-c", str(conf)], check=True)
    base = f"https://127.0.0.1:{https_port}"
    try:
        yield base, app
    finally:
        subprocess.run([NGINX, "-c", str(conf), "-s", "quit"], check=False)
        app.shutdown()


def get(url, headers=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the self-signed certificate of deploy/nginx_site.py
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=10, context=context) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def reached(path):
    return [encoding for hit_path, encoding in StandIn.hits if hit_path == path]


def test_a_browser_gets_the_page_compressed_once_and_then_from_the_cache(nginx):
    base, _app = nginx
    first = get(base + "/gzip/", {"Accept-Encoding": "gzip, deflate, br"})
    second = get(base + "/gzip/", {"Accept-Encoding": "br, gzip"})
    for status, headers, body in (first, second):
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == PAGE
    assert (first[1]["X-Micro-Cache"], second[1]["X-Micro-Cache"]) == ("MISS", "HIT")
    # Compressed by the compressor, once: the application was asked for gzip and reached once.
    assert reached("/gzip/") == ["gzip"]


def test_a_client_without_gzip_gets_its_own_plain_copy(nginx):
    base, _app = nginx
    get(base + "/plain/", {"Accept-Encoding": "gzip"})
    status, headers, body = get(base + "/plain/")
    assert status == 200 and body == PAGE
    assert headers.get("Content-Encoding") is None
    assert headers["X-Micro-Cache"] == "MISS"  # not the gzip copy
    assert get(base + "/plain/")[1]["X-Micro-Cache"] == "HIT"
    assert reached("/plain/") == ["gzip", ""]


def test_a_session_is_never_served_from_the_microcache(nginx):
    base, _app = nginx
    get(base + "/staff/")
    for cookie in ("sessionid=abc", "lang=ru; __Host-sessionid=abc"):
        status, headers, _body = get(base + "/staff/", {"Cookie": cookie})
        assert status == 200 and headers["X-Micro-Cache"] == "BYPASS"
    assert len(reached("/staff/")) == 3


def test_the_applications_own_503_passes_with_its_retry_after(nginx):
    base, _app = nginx
    status, headers, body = get(base + "/busy/")
    assert status == 503
    assert headers["Retry-After"] == "17"
    assert body == b"<p>database away</p>"


def test_when_no_instance_answers_the_portal_page_says_so(nginx_work):
    https_port = free_port()
    conf = nginx_site().write(nginx_work, [free_port()], free_port(), https_port, ROOT / "static", nginx_work / "media")
    subprocess.run([NGINX, "-c", str(conf)], check=True)
    try:
        status, headers, body = get(f"https://127.0.0.1:{https_port}/attractions/")
    finally:
        subprocess.run([NGINX, "-c", str(conf), "-s", "quit"], check=False)
    assert status == 502
    assert headers["Retry-After"] == "30"
    assert b'<section class="error-page"' in body
