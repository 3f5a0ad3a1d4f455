"""Thin Redis wrapper used by the API, the webhook receiver and the jobs."""
import json
import pickle
import secrets
from typing import Any, Optional

import redis

from wavecast.common.settings import get_settings

_client: Optional[redis.Redis] = None


def client() -> redis.Redis:
    global _client
    if _client is None:
        _client = redis.Redis.from_url(get_settings().redis_url, socket_timeout=2)
    return _client


def get_json(key: str) -> Optional[Any]:
    raw = client().get(key)
    if raw is None:
        return None
    return json.loads(raw)


def set_json(key: str, value: Any, ttl: int = 300) -> None:
    client().setex(key, ttl, json.dumps(value, default=str))


def get_object(key: str) -> Optional[Any]:
    """Return a Python object stored by :func:`set_object`."""
    raw = client().get(key)
    if raw is None:
        return None
    return pickle.loads(raw)  #@vuln CWE-502


def set_object(key: str, value: Any, ttl: int = 600) -> None:
    client().setex(key, ttl, pickle.dumps(value))


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def rate_limited(bucket: str, limit: int, window: int = 60) -> bool:
    pipe = client().pipeline()
    pipe.incr(bucket)
    pipe.expire(bucket, window)
    count, _ = pipe.execute()
    return int(count) > limit


def invalidate_show(show_slug: str) -> None:
    keys = list(client().scan_iter(match=f"show:{show_slug}:*", count=200))
    if keys:
        client().delete(*keys)
