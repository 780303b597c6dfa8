"""Helpers for the tests that run real processes: a throwaway PostgreSQL cluster and a live gunicorn."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
SECRET = "a-test-secret-key-that-is-long-and-random-enough-0123456789-abcdefghijklmnopq"  # noqa: S105


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command):
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class ThrowawayCluster:
    """A PostgreSQL 15 cluster in a temporary folder on a free port, trusting local connections."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="g331-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        initdb = [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "corridor", "--auth=trust", "-E", "UTF8"]
        subprocess.run(
            _as_postgres([*initdb, "--locale=C.UTF-8", "-N"]),
            check=True,
            capture_output=True,
        )
        self.start()

    def url(self, database):
        return f"postgres://corridor@127.0.0.1:{self.port}/{database}"

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log")]
        subprocess.run(
            _as_postgres([*pg_ctl, "-w", "start"]),
            check=True,
            capture_output=True,
        )

    def stop(self):
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
            check=True,
            capture_output=True,
        )

    def destroy(self):
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def production_env(**extra):
    """The environment of a production process on loopback, behind a trusted proxy at 127.0.0.1."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "SENTRY_", "GUNICORN_", "WEB_CONCURRENCY"))
    }
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="localhost",
        DJANGO_TRUSTED_PROXIES="127.0.0.1",
        DJANGO_SETTINGS_MODULE="corridor_portal.settings",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


class LiveGunicorn:
    """gunicorn with the repository's gunicorn.conf.py, stdout collected in a file."""

    def __init__(self, env, workers=1, threads=2):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="g331-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)}
        env["GUNICORN_THREADS"] = str(threads)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn"], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.wait_until_up()

    def wait_until_up(self, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.output()}")
            try:
                if self.get("/healthz", timeout=1)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer:\n{self.output()}")

    def get(self, path, timeout=10, headers=None):
        """(status, headers, body text) of a GET through 'the proxy' (HTTPS, Host localhost)."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"Host": "localhost", "X-Forwarded-Proto": "https", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def output(self):
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        Path(self.log.name).unlink(missing_ok=True)
