"""Django's Redis cache, finding the Redis primary through Sentinel (REDIS_URL=redis+sentinel://…).

Django's RedisCache takes one address per server; with Sentinel the address of the primary changes when the
Sentinels fail over. redis-py's `redis.sentinel` asks the Sentinels for the current primary whenever it opens a
connection, and drops a connection that finds a replica (after a failover) or nobody: the next request asks
again. Everything else (serializing, keys, timeouts) is Django's own client, one per pool (redis_cache.py).
"""

from .cluster import parse_sentinel_url
from .redis_cache import RedisCache, RedisCacheClient


class SentinelCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        # Django splits LOCATION on commas: the Sentinels' addresses are one URL again.
        super().__init__([",".join(servers)], **options)
        self.address = parse_sentinel_url(self._servers[0])

    def _get_connection_pool(self, write):
        if 0 not in self._pools:
            from redis.sentinel import Sentinel

            options = dict(self._pool_options)
            timeouts = {key: options[key] for key in ("socket_timeout", "socket_connect_timeout") if key in options}
            sentinel = Sentinel(list(self.address.sentinels), sentinel_kwargs=timeouts, **timeouts)
            self._pools[0] = sentinel.master_for(
                self.address.service,
                db=self.address.db,
                password=self.address.password,
                ssl=self.address.tls,
                **options,
            ).connection_pool
        return self._pools[0]  # always the primary: a replica may not have the last write yet


class SentinelRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SentinelCacheClient


def redis_client(url, **options):
    """A redis-py client for `url`: the Sentinels' current primary for redis+sentinel://, else from_url."""
    import redis
    from redis.sentinel import Sentinel

    from .cluster import is_sentinel_url

    if not is_sentinel_url(url):
        return redis.Redis.from_url(url, **options)
    address = parse_sentinel_url(url)
    timeouts = {key: options[key] for key in ("socket_timeout", "socket_connect_timeout") if key in options}
    sentinel = Sentinel(list(address.sentinels), sentinel_kwargs=timeouts, **timeouts)
    return sentinel.master_for(address.service, db=address.db, password=address.password, ssl=address.tls, **options)
