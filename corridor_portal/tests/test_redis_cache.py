"""The Redis cache keeps one redis-py client per connection pool (corridor_portal/redis_cache.py), shared by the
threads of a process; it reads and writes as Django's does."""

import os
import threading

from corridor_portal.redis_cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def a_cache():
    return RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-redis-cache-{os.getpid()}", "TIMEOUT": 30})


def test_every_call_and_every_thread_use_the_one_client_of_the_pool():
    cache = a_cache()
    clients = []

    def work(number):
        cache.set(f"key-{number}", {"number": number})
        assert cache.get(f"key-{number}") == {"number": number}
        clients.append(cache._cache.get_client(write=True))
        clients.append(cache._cache.get_client(write=False))

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(clients) == 16
    assert len({id(client) for client in clients}) == 1
    assert cache.get_many([f"key-{number}" for number in range(8)]) == {
        f"key-{number}": {"number": number} for number in range(8)
    }
    cache.delete_many([f"key-{number}" for number in range(8)])
