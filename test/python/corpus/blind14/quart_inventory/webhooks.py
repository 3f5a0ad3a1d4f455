import hashlib
import hmac
import json
import random
import string
from urllib.parse import urlparse

import httpx

from .settings import settings


def _client(**kwargs) -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=settings.webhook_timeout, **kwargs)


def new_webhook_secret(length: int = 32) -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338|CWE-330


def sign_payload(secret: str, payload: dict) -> str:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def fetch_supplier_feed(feed_url: str) -> bytes:
    async with _client(follow_redirects=True) as client:
        resp = await client.get(feed_url)  #@vuln CWE-918
        resp.raise_for_status()
        return resp.content


async def deliver_webhook(target: str, secret: str, payload: dict) -> int:
    parsed = urlparse(target)
    host = (parsed.hostname or "").lower()
    if parsed.scheme != "https" or host not in settings.allowed_webhook_hosts:
        raise ValueError(f"webhook host not allowed: {host}")
    headers = {"X-Signature": sign_payload(secret, payload)}
    async with _client() as client:
        resp = await client.post(target, json=payload, headers=headers)  #@safe
        return resp.status_code


async def ping_legacy_supplier() -> dict:
    auth = (settings.supplier_api_user, settings.supplier_api_password)
    async with _client(verify=False) as client:  #@vuln CWE-295
        resp = await client.get(f"{settings.supplier_api_base}/ping", auth=auth)
        return resp.json()
