import pickle
import socket
import ssl
import urllib.request
from datetime import datetime, timezone

import redis

from ops_worker import config
from ops_worker.celery_app import app

_cache = redis.Redis.from_url(config.RESULT_BACKEND)


@app.task
def check_endpoint(url: str) -> int:
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    with urllib.request.urlopen(url, context=ctx, timeout=config.PROBE_TIMEOUT) as resp:  #@vuln CWE-918
        return resp.status


@app.task
def check_cert_expiry(host: str) -> int:
    ctx = ssl.create_default_context()  #@safe
    with socket.create_connection((host, 443), timeout=config.PROBE_TIMEOUT) as sock:
        with ctx.wrap_socket(sock, server_hostname=host) as tls:
            not_after = tls.getpeercert()["notAfter"]
    expires = datetime.fromtimestamp(ssl.cert_time_to_seconds(not_after), tz=timezone.utc)
    return (expires - datetime.now(timezone.utc)).days


@app.task
def scrape_metrics(host: str, port: int = 9100) -> str:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    with socket.create_connection((host, port), timeout=config.PROBE_TIMEOUT) as sock:
        with ctx.wrap_socket(sock) as tls:
            tls.sendall(b"GET /metrics HTTP/1.0\r\nHost: " + host.encode() + b"\r\n\r\n")
            return tls.recv(65536).decode("utf-8", "replace")


@app.task
def last_snapshot(name: str):
    raw = _cache.get(f"snapshot:{name}")
    return pickle.loads(raw) if raw else None  #@vuln CWE-502
