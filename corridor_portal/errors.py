"""Error pages, the database-down answer and the health checks.

The 500 and 503 pages (templates/error_base.html) are rendered without the request's context processors
and without touching the database, so they still answer when the database, the session store or a context
processor is what failed.
"""

import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("corridor_portal.errors")

# A lost or refused database connection (psycopg's OperationalError/InterfaceError, wrapped by Django).
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
# A write that reached a read-only database: a hot standby, or a primary being failed over (SQLSTATE 25006,
# "cannot execute UPDATE in a read-only transaction"; Django wraps it as an InternalError). Saving can succeed
# again once a primary is back: 503 + Retry-After, like a database that is down, never a 500.
READ_ONLY_SQLSTATES = {"25006"}


def is_database_unavailable(exception):
    """The database cannot take this request now (down, unreachable, or read-only for a write)."""
    if isinstance(exception, DATABASE_DOWN_ERRORS):
        return True
    cause = exception.__cause__ if isinstance(exception, DatabaseError) else None
    return getattr(cause, "sqlstate", None) in READ_ONLY_SQLSTATES


def database_unavailable(request=None):
    """The translated 503 page with Retry-After, rendered without any query."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(settings.DATABASE_DOWN_RETRY_AFTER)
    add_never_cache_headers(response)
    return response


def too_many_requests(request, retry_after):
    """The translated 429 page with Retry-After (seconds until the visitor's window ends)."""
    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 + Retry-After instead of a 500 when the database cannot be reached or is read-only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            logger.error("database unavailable: %s", type(exception).__name__, extra={"path": request.path})
            response = database_unavailable(request)
            response._has_been_logged = True  # one line per error: Django would log "Service Unavailable" too
            return response
        return None


# The handlers named in corridor_portal/urls.py.


def bad_request(request, exception):
    # A foreign Host header lands here too: the page must not ask for the host (the context
    # processors build absolute URLs), so it is rendered like the 500 page.
    try:
        request.get_host()
    except Exception:  # DisallowedHost
        return HttpResponse(render_to_string("400_plain.html"), status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return defaults.page_not_found(request, exception)


def server_error(request):
    """500, or 503 when the exception being handled is a lost or read-only database (raised outside a view)."""
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    return HttpResponseServerError(render_to_string("500.html"))


# Health checks for the load balancer and the service manager: short JSON, nothing secret.


@never_cache
@require_safe
def healthz(request):
    """The process is up and answering; the database is not touched."""
    return JsonResponse({"status": "ok"})


_migrations_applied = False


def _check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_cache():
    key = "readyz:probe"
    cache.set(key, "1", 5)
    if cache.get(key) != "1":
        raise RuntimeError("cache does not answer")


def _check_migrations():
    global _migrations_applied  # once applied they stay applied for the life of this process
    if _migrations_applied:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("unapplied migrations")
    _migrations_applied = True


@never_cache
@require_safe
def readyz(request):
    """200 when the database and the cache answer and every migration is applied, 503 otherwise."""
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache), ("migrations", _check_migrations)):
        if name == "migrations" and checks["database"] != "ok":
            checks[name] = "unknown"
            continue
        try:
            check()
        except Exception as exc:
            logger.warning("readiness check %s failed: %s", name, type(exc).__name__)
            checks[name] = "fail"
        else:
            checks[name] = "ok"
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
