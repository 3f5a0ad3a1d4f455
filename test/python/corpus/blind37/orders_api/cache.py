"""Redis cache shared by the API services and the maintenance scripts."""
import functools
import hashlib
import json
import logging
import random
import string

import redis

from orders_api.settings import get_settings

log = logging.getLogger(__name__)
_settings = get_settings()

client = redis.Redis.from_url(_settings.redis_url, socket_timeout=2, decode_responses=True)

_TOKEN_ALPHABET = string.ascii_letters + string.digits


def make_key(namespace, *parts):
    raw = ":".join(str(p) for p in parts)
    digest = hashlib.md5(raw.encode("utf-8"), usedforsecurity=False).hexdigest()  #@safe
    return f"orders:{namespace}:{digest}"


def get_json(key):
    raw = client.get(key)
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        log.warning("dropping corrupt cache entry %s", key)
        client.delete(key)
        return None


def set_json(key, value, ttl=None):
    client.setex(key, ttl or _settings.cache_ttl_seconds, json.dumps(value, default=str))


def cached(namespace, ttl=None):
    """Cache a service method's return value. The first positional arg (self) is skipped."""

    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            key = make_key(namespace, *args[1:], *sorted(kwargs.items()))
            hit = get_json(key)
            if hit is not None:
                return hit
            value = fn(*args, **kwargs)
            if value is not None:
                set_json(key, value, ttl)
            return value

        return wrapper

    return decorator


def invalidate(namespace):
    removed = 0
    for key in client.scan_iter(match=f"orders:{namespace}:*", count=500):
        removed += client.delete(key)
    log.info("invalidated %d keys in %s", removed, namespace)
    return removed


def issue_download_token(order_id):
    """Short-lived token that lets the e-mail link download an invoice without logging in."""
    token = "".join(random.choice(_TOKEN_ALPHABET) for _ in range(20))  #@vuln CWE-338
    client.setex(f"orders:dl:{token}", _settings.download_token_ttl, str(order_id))
    return token

