"""gunicorn settings, read automatically when gunicorn starts in this folder (`make run`, deploy/).

Every value can be changed from the environment; the defaults suit one machine. `kill -HUP <master>`
starts new workers with the new code and lets the old ones finish their requests: no request fails.
"""

import multiprocessing
import os
import sys

_cpus = multiprocessing.cpu_count()

wsgi_app = "corridor_portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Threads carry the waiting on PostgreSQL and Redis; processes carry the CPU work (templates, images).
# Processes rather than threads: a page is Python work, and the threads of one process share its GIL, so a page
# rendered in a process holds up every request its other threads serve. The mixed load of `make bench` on 2 cores
# (docs/performance.md, "Mixed load"): 9 processes x 2 threads kept its p99 at 62-78 ms where 5 x 4 gave 226-319 ms.
workers = int(os.environ.get("WEB_CONCURRENCY", min(4 * _cpus + 1, 17)))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"  # threads need it; also keeps idle keep-alive connections off the workers

# A request may take at most `timeout` seconds before its worker is replaced; on HUP or TERM, a worker
# gets `graceful_timeout` seconds to finish what it is doing.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))

# Replace each worker after about this many requests, at different moments (jitter), so a slow leak
# never grows and workers never all restart together. Cached pages answer 1,000+ requests a second on
# two cores: a much lower limit restarts a worker every few seconds, and each restart costs CPU.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 5000))

# Only these addresses (our nginx) may tell gunicorn the scheme with X-Forwarded-Proto. Django decides
# the client address itself from DJANGO_TRUSTED_PROXIES (corridor_portal/security.py).
forwarded_allow_ips = os.environ.get(
    "FORWARDED_ALLOW_IPS", os.environ.get("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1") or "127.0.0.1,::1"
)

# One line per request on standard output: the client (the real one, set by Django from the trusted
# proxy), method, path without the query string, status, bytes, time taken and the request id. JSON in
# production (corridor_portal.observability.GunicornLogger), this text line elsewhere.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "corridor_portal.observability.GunicornLogger"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'

# Load the application in each worker, not in the master, so HUP really loads the new code.
preload_app = False
# Temporary files of the workers' heartbeat in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's own advice
# gunicorn's control socket (`gunicornc`) is not used: signals (HUP, TERM) do the work, and two instances
# on one machine would fight over its default path.
control_socket_disable = True


def worker_exit(server, worker):
    """A worker that stops (HUP, TERM, max_requests) first sends on the page views it counted in memory."""
    counting = sys.modules.get("dashboard.counting")  # not loaded: the worker never served a page
    if counting is not None:
        counting.flush_at_exit()
