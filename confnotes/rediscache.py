"""Django's Redis cache with its redis.Redis objects made once instead of per command.

Django's RedisCacheClient builds a redis.Redis object around its connection pool for every
get and set; redis-py 8 copies its ~170 response callbacks into each one, which cost more
CPU than the rest of a page served from the cache. One object per pool does the same work
(redis-py clients are safe to share between threads; Django keeps a cache per thread anyway).
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
