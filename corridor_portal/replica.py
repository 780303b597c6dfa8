"""Public reads from a streaming replica when one is configured; everything else from the primary.

Which requests may read from the replica is decided once per request (`ReplicaReadsMiddleware`): a GET or
HEAD without a session cookie, outside the admin. Whoever has a session — staff above all — reads from the
primary, so they see their own saves at once (read your writes); so does every write and everything outside a
request (commands, migrations, the page-view flush).

A replica that lags by more than `REPLICA_MAX_LAG_SECONDS`, or cannot be reached, is left alone until a later
check finds it healthy: visitors read from the primary meanwhile. The lag is measured on the replica itself at
most once every `REPLICA_LAG_CHECK_SECONDS` per process.

With one database (no `DATABASE_REPLICA_URL`) the router is not installed and nothing here runs.
"""

import contextvars
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA_ALIAS = "replica"

_reads_may_use_replica = contextvars.ContextVar("reads_may_use_replica", default=False)

# An idle primary writes nothing, so "time since the last replayed transaction" grows without any lag: when the
# replica has replayed all it received, its lag is zero.
LAG_SQL = """
    SELECT CASE
        WHEN NOT pg_is_in_recovery() THEN 0
        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
    END
"""


def request_may_read_from_replica(request):
    """A visitor's page: a safe method, no session (so no staff, nobody who has just saved), not the admin."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith("/admin/")
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_may_use_replica.set(request_may_read_from_replica(request))
        try:
            return self.get_response(request)
        finally:
            _reads_may_use_replica.reset(token)


class ReplicaHealth:
    """Whether the replica is close enough behind the primary, asked of the replica at most every few seconds."""

    def __init__(self, alias=REPLICA_ALIAS, clock=time.monotonic):
        self.alias = alias
        self.clock = clock
        self.checked_at = None
        self.healthy = False
        self.lag_seconds = None

    def measure_lag(self):
        """The replica's lag in seconds; None when it cannot be reached."""
        try:
            with connections[self.alias].cursor() as cursor:
                cursor.execute(LAG_SQL)
                return float(cursor.fetchone()[0])
        except DatabaseError:
            connections[self.alias].close()  # a fresh connection next time
            return None

    def is_healthy(self):
        now = self.clock()
        if self.checked_at is None or now - self.checked_at >= settings.REPLICA_LAG_CHECK_SECONDS:
            self.checked_at = now
            self.lag_seconds = self.measure_lag()
            self.healthy = self.lag_seconds is not None and self.lag_seconds <= settings.REPLICA_MAX_LAG_SECONDS
        return self.healthy


class ReplicaRouter:
    """Reads of a visitor's request to the replica while it is healthy; writes, staff and the rest to the primary."""

    def __init__(self, health=None):
        self.health = health or ReplicaHealth()

    def db_for_read(self, model, **hints):
        if _reads_may_use_replica.get() and self.health.is_healthy():
            return REPLICA_ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # a hot standby is read-only: it follows the primary's migrations
