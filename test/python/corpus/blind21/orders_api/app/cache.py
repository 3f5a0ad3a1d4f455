"""Small Redis-backed memoisation helpers used by the partner client and reports."""
import functools
import hashlib
import logging
import pickle
from typing import Any, Callable

import redis

from app.config import get_settings

settings = get_settings()
log = logging.getLogger(__name__)
_redis = redis.Redis.from_url(settings.redis_url, socket_timeout=2)


def cache_key(prefix: str, *parts: Any) -> str:
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()
    return f"orderly:{prefix}:{digest}"


def get_cached(key: str) -> Any:
    try:
        raw = _redis.get(key)
    except redis.RedisError:
        log.warning("redis unavailable, skipping cache read for %s", key)
        return None
    if raw is None:
        return None
    return pickle.loads(raw)


def set_cached(key: str, value: Any, ttl: int = 300) -> None:
    try:
        _redis.setex(key, ttl, pickle.dumps(value))
    except redis.RedisError:
        log.warning("redis unavailable, skipping cache write for %s", key)


def invalidate(prefix: str) -> int:
    keys = list(_redis.scan_iter(f"orderly:{prefix}:*"))
    return _redis.delete(*keys) if keys else 0


def cached(prefix: str, ttl: int = 300) -> Callable:
    def decorator(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            key = cache_key(prefix, fn.__name__, args, sorted(kwargs.items()))
            hit = get_cached(key)
            if hit is not None:
                return hit
            value = fn(*args, **kwargs)
            set_cached(key, value, ttl)
            return value

        return wrapper

    return decorator


def redis_client() -> redis.Redis:
    return _redis
