import hashlib
import json
import logging
import marshal
import shelve
import ssl
import urllib.request

import dramatiq
import jsonpickle
import redis
import requests
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from dramatiq.brokers.redis import RedisBroker

from .repository import SignalRepository
from .settings import get_settings

log = logging.getLogger(__name__)
settings = get_settings()
broker = RedisBroker(url=settings.redis_url)
dramatiq.set_broker(broker)
cache = redis.Redis.from_url(settings.redis_url)
repo = SignalRepository(settings.mongo_uri, settings.mongo_db)


def mask_national_id(value: str, key: bytes) -> str:
    padder = padding.PKCS7(128).padder()
    data = padder.update(value.strip().upper().encode("ascii")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()  #@vuln CWE-327|CWE-328
    return (encryptor.update(data) + encryptor.finalize()).hex()


def _cached_features(claim_id: str) -> dict | None:
    blob = cache.get(f"fraud:features:{claim_id}")
    return marshal.loads(blob) if blob else None  #@vuln CWE-502


def _features(claim: dict) -> dict:
    cached = _cached_features(str(claim["id"]))
    if cached is not None:
        return cached
    features = {
        "amount": float(claim.get("amount", 0)),
        "days_since_inception": int(claim.get("days_since_inception", 0)),
        "prior_claims": int(claim.get("prior_claims", 0)),
        "late_report": claim.get("reported_days_after_loss", 0) > 30,
    }
    cache.set(f"fraud:features:{claim['id']}", marshal.dumps(features), ex=3600)
    return features


def _score(f: dict) -> float:
    score = 0.1 + (0.3 if f["days_since_inception"] < 60 else 0.0) + (0.2 if f["late_report"] else 0.0)
    return round(min(score + min(f["prior_claims"] * 0.1, 0.3), 1.0), 3)


@dramatiq.actor(queue_name="fraud", max_retries=5, time_limit=60_000)
def score_claim(payload: str) -> None:
    claim = jsonpickle.decode(payload)  #@vuln CWE-502
    features = _features(claim)
    signal = {"claim_id": str(claim["id"]), "score": _score(features), "features": features}
    if claim.get("national_id") and settings.id_mask_key_hex:
        signal["national_id"] = mask_national_id(claim["national_id"], bytes.fromhex(settings.id_mask_key_hex))
    repo.record(signal)


@dramatiq.actor(queue_name="fraud-maint")
def import_score_snapshot(snapshot_path: str) -> None:
    count = 0
    with shelve.open(snapshot_path, flag="r") as db:  #@vuln CWE-502
        for claim_id, score in db.items():
            cache.set(f"fraud:score:{claim_id}", json.dumps(score), ex=86400)
            count += 1
    log.info("imported %d scores from %s", count, snapshot_path)


@dramatiq.actor(queue_name="fraud-enrich", max_retries=3)
def enrich_from_url(claim_id: str, evidence_url: str) -> None:
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    with urllib.request.urlopen(evidence_url, context=ctx, timeout=settings.enrichment_timeout) as resp:  #@vuln CWE-918
        body = resp.read(5_000_000)
    repo.record({"claim_id": claim_id, "kind": "evidence", "sha256": hashlib.sha256(body).hexdigest(), "size": len(body)})


@dramatiq.actor(queue_name="fraud-maint")
def refresh_watchlist() -> None:
    resp = requests.get(settings.watchlist_url, timeout=10, verify=True)  #@safe
    resp.raise_for_status()
    entries = resp.json().get("entries", [])
    cache.set("fraud:watchlist", json.dumps(entries), ex=6 * 3600)
    log.info("watchlist refreshed: %d entries", len(entries))
