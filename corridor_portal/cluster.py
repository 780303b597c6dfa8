"""Settings for more than one machine, read from the environment: a connection pooler and Redis Sentinel.

Plain functions of their input, without Django, so settings.py can call them and tests can check them.

- `DATABASE_POOLER=pgbouncer` (or any pooler in transaction mode): PostgreSQL sits behind a pooler that hands
  each transaction whatever server connection is free. A session's state then does not follow the session:
  no server-side cursors (Django's `DISABLE_SERVER_SIDE_CURSORS`), no prepared statements (psycopg 3 prepares
  a query after its fifth run: `prepare_threshold=None` turns that off; PgBouncer < 1.21 cannot pool them),
  and no `options` startup parameter (PgBouncer refuses it): the server settings it carried are set on the
  database instead (`ALTER DATABASE … SET`, docs/deploy.md).
- `REDIS_URL=redis+sentinel://host:port,host:port,host:port/service[/db]`: the cache asks the Sentinels which
  Redis is the primary (corridor_portal/sentinel.py) instead of naming one. `redis://…` stays as it was.
"""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

POOLERS = {"pgbouncer"}
SENTINEL_SCHEMES = {"redis+sentinel": False, "rediss+sentinel": True}  # scheme -> TLS


def pooled_database(database, pooler):
    """The DATABASES entry `database` adjusted for a pooler in transaction mode (`pooler`: "" for none)."""
    pooler = (pooler or "").strip().lower()
    if not pooler:
        return database
    if pooler not in POOLERS:
        raise ValueError(f"DATABASE_POOLER must be empty or one of {', '.join(sorted(POOLERS))}, not {pooler!r}")
    options = {key: value for key, value in database.get("OPTIONS", {}).items() if key != "options"}
    options["prepare_threshold"] = None
    return {**database, "OPTIONS": options, "DISABLE_SERVER_SIDE_CURSORS": True}


@dataclass(frozen=True)
class SentinelAddress:
    sentinels: tuple  # ((host, port), ...)
    service: str
    db: int = 0
    password: str | None = None
    tls: bool = False


def is_sentinel_url(url):
    return urlsplit(url or "").scheme in SENTINEL_SCHEMES


def parse_sentinel_url(url):
    """`redis+sentinel://[:password@]host[:port],host[:port]/service[/db]` → SentinelAddress.

    The password is Redis's (the Sentinels are asked without one); a port left out is Sentinel's 26379.
    """
    parts = urlsplit(url)
    if parts.scheme not in SENTINEL_SCHEMES:
        raise ValueError(f"not a Sentinel URL (redis+sentinel://…): {url!r}")
    credentials, _at, hosts = parts.netloc.rpartition("@")
    password = unquote(credentials.partition(":")[2]) if credentials else None
    sentinels = []
    for item in hosts.split(","):
        item = item.strip()
        if item.startswith("["):  # [::1]:26379
            host, _bracket, port = item[1:].partition("]")
            port = port.removeprefix(":")
        else:
            host, _colon, port = item.partition(":")
        port = port or "26379"
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"bad Sentinel address {item!r} in {url!r}")
        sentinels.append((host, int(port)))
    path = [piece for piece in parts.path.split("/") if piece]
    if not path or len(path) > 2:
        raise ValueError(f"a Sentinel URL names its service, and then maybe the database: …/service/0, not {url!r}")
    if len(path) == 2 and not path[1].isdigit():
        raise ValueError(f"the database in {url!r} must be a number")
    return SentinelAddress(
        sentinels=tuple(sentinels),
        service=unquote(path[0]),
        db=int(path[1]) if len(path) == 2 else 0,
        password=password or None,
        tls=SENTINEL_SCHEMES[parts.scheme],
    )
