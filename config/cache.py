"""A Redis cache that fails open: when Redis is unreachable, reads miss and writes are dropped.

Django's own RedisCache raises on a lost connection, which would turn a cache outage into
error pages. Nothing in Coopbase needs the cache to be correct, only fast: sessions and login
throttling live in the database. After a failure the cache stays "down" for a few seconds so
that each request does not wait for another connection timeout.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 5.0


def _fail_open(fallback: Callable[..., Any]) -> Callable:
    """Wrap a cache method: on a Redis outage, return fallback(*args, **kwargs) instead."""

    def decorator(method: Callable) -> Callable:
        @wraps(method)
        def wrapper(self: FailOpenRedisCache, *args: Any, **kwargs: Any) -> Any:
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except OUTAGE_ERRORS as error:
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning("Cache unavailable, serving without it: %s", error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _none(*args: Any, **kwargs: Any) -> None:
    return None


def _false(*args: Any, **kwargs: Any) -> bool:
    return False


def _default(key: str, default: Any = None, version: int | None = None) -> Any:
    return default


def _empty(*args: Any, **kwargs: Any) -> dict:
    return {}


def _all_failed(data: dict, *args: Any, **kwargs: Any) -> list:
    return list(data)


def _delta(key: str, delta: int = 1, version: int | None = None) -> int:
    return delta


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new redis.Redis object (and its table of ~170 response
    callbacks) on every cache call: half the cost of a cached page. A client per connection
    pool is safe to share between threads, so keep one."""

    def get_client(self, key=None, *, write: bool = False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache, except that connection errors and timeouts never propagate."""

    _down_until = 0.0

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    get = _fail_open(_default)(RedisCache.get)
    get_many = _fail_open(_empty)(RedisCache.get_many)
    add = _fail_open(_false)(RedisCache.add)
    set = _fail_open(_none)(RedisCache.set)
    set_many = _fail_open(_all_failed)(RedisCache.set_many)
    touch = _fail_open(_false)(RedisCache.touch)
    delete = _fail_open(_false)(RedisCache.delete)
    delete_many = _fail_open(_none)(RedisCache.delete_many)
    has_key = _fail_open(_false)(RedisCache.has_key)
    incr = _fail_open(_delta)(RedisCache.incr)
    clear = _fail_open(_false)(RedisCache.clear)
