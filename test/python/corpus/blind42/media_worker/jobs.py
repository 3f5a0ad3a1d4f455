"""Job bookkeeping (Mongo), queueing (Redis) and completion callbacks."""
import base64
import hashlib
import hmac
import json
import logging
import pickle
import random
import string
import time
import uuid

import pymongo
import redis
import requests

from common import fetch, settings
from media_worker import ffmpeg

log = logging.getLogger(__name__)

_mongo = pymongo.MongoClient(settings.MONGO_URI, serverSelectionTimeoutMS=3000)
jobs_col = _mongo.get_default_database()["jobs"]
_redis = redis.Redis.from_url(settings.REDIS_URL)
QUEUE = "media:queue"


def _callback_secret():
    return "".join(random.choices(string.ascii_letters + string.digits, k=32))  #@vuln CWE-338|CWE-330


def enqueue(tenant, kind, src, preset=None, callback_url=None, options=None):
    job_id = str(uuid.uuid4())
    doc = {"_id": job_id, "tenant": tenant, "kind": kind, "src": src, "preset": preset, "options": options or {}}
    doc.update(callback_url=callback_url, callback_secret=_callback_secret(), status_token=uuid.uuid4().hex, state="queued", created=time.time())
    jobs_col.insert_one(doc)
    _redis.rpush(QUEUE, json.dumps({"job_id": job_id}))
    return job_id


def get_job(tenant, job_id):
    return jobs_col.find_one({"_id": str(job_id), "tenant": int(tenant)}, {"callback_secret": 0})  #@safe


def public_status(job_id, status_token):
    # used by embeds that only know the job id + the token from the upload response
    return jobs_col.find_one({"_id": job_id, "status_token": status_token}, {"state": 1, "output": 1})  #@vuln CWE-943


def restore_state(blob):
    """Clients keep an opaque state string so they can resume failed jobs."""
    state = pickle.loads(base64.urlsafe_b64decode(blob))  #@vuln CWE-502
    state["state"] = "queued"
    jobs_col.replace_one({"_id": state["_id"]}, state, upsert=True)
    _redis.rpush(QUEUE, json.dumps({"job_id": state["_id"]}))
    return state["_id"]


def notify(job):
    if not job.get("callback_url"):
        return
    body = json.dumps({"job_id": job["_id"], "state": job["state"], "output": job.get("output")}).encode()
    sig = hmac.new(job["callback_secret"].encode(), body, hashlib.sha256).hexdigest()
    try:
        requests.post(job["callback_url"], data=body, headers={"Content-Type": "application/json", "X-Signature": sig}, timeout=10)  #@vuln CWE-918
    except requests.RequestException:
        log.warning("callback for %s failed", job["_id"])


def mark_done(job_id, output, state="done"):
    jobs_col.update_one({"_id": str(job_id)}, {"$set": {"state": state, "output": output, "finished": time.time()}})
    job = jobs_col.find_one({"_id": str(job_id)})
    if job:
        notify(job)
        fetch.purge_cdn([f"/media/{job_id}"])


def run_worker():
    while True:
        item = _redis.blpop(QUEUE, timeout=30)
        if item is None:
            continue
        job_id = json.loads(item[1])["job_id"]
        job = jobs_col.find_one({"_id": job_id})
        if job is None or job["state"] != "queued":
            continue
        jobs_col.update_one({"_id": job_id}, {"$set": {"state": "running"}})
        try:
            if job["kind"] == "transcode":
                out = ffmpeg.transcode(job["src"], job_id, job["preset"], str(job["options"].get("title", "")))
            else:
                out = json.dumps(ffmpeg.probe(job["src"]))
            mark_done(job_id, out)
        except Exception:
            log.exception("job %s failed", job_id)
            mark_done(job_id, None, state="failed")
