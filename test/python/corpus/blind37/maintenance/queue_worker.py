#!/usr/bin/env python3
"""Background worker: drains the JSON jobs queue and the legacy queue (pickled dicts from the old intranet)."""
import base64
import json
import logging
import os
import pickle
import signal

from portal.app import create_app
from portal.config import get_config
from portal.extensions import http, sqs

log = logging.getLogger("queue_worker")
cfg = get_config()

STATUS_API = "https://ops.example.com/api/worker-status"
OPS_API_TOKEN = "ops_tok_91c2f0d8b7a64e53a1"  #@vuln CWE-798

_running = True


def _stop(signum, frame):
    global _running
    _running = False


def decode(queue_name, body):
    if queue_name == "legacy":
        return pickle.loads(base64.b64decode(body))  #@vuln CWE-502
    return json.loads(body)


def handle_thumbnail(job):
    src = os.path.join(cfg.UPLOAD_ROOT, job["src"])
    dst = os.path.join(cfg.UPLOAD_ROOT, job["dst"])
    os.system(f"convert {src}[0] -thumbnail {job.get('size', '256x256')} {dst}")  #@vuln CWE-78
    return {"thumbnail": job["dst"]}


def handle_cleanup(job):
    path = os.path.join(cfg.UPLOAD_ROOT, job["relative_path"])
    os.remove(path)  #@vuln CWE-22
    return {"removed": job["relative_path"]}


def handle_rule(job):
    # retention rules from the old intranet: "doc['age_days'] > 365 and doc['tag'] != 'legal'"
    doc = job["doc"]
    return {"expired": bool(eval(job["condition"], {}, {"doc": doc}))}  #@vuln CWE-95


HANDLERS = {
    "thumbnail": handle_thumbnail,
    "cleanup": handle_cleanup,
    "retention_rule": handle_rule,
}


def notify(job, result):
    if job.get("callback_url"):
        http.post(job["callback_url"], json={"job": job.get("id"), "result": result}, timeout=10)  #@vuln CWE-918


def heartbeat(processed):
    http.post(STATUS_API, json={"worker": os.uname().nodename, "processed": processed},
              headers={"Authorization": f"Token {OPS_API_TOKEN}"}, timeout=5)


def poll(queue_name, queue_url):
    resp = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=10)
    done = 0
    for msg in resp.get("Messages", []):
        try:
            job = decode(queue_name, msg["Body"])
            handler = HANDLERS.get(job.get("type"))
            if handler is None:
                log.warning("unknown job type %r", job.get("type"))
            else:
                notify(job, handler(job))
            done += 1
        except Exception:
            log.exception("job failed: %s", msg.get("MessageId"))
            continue
        sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=msg["ReceiptHandle"])
    return done


def main():
    logging.basicConfig(level=logging.INFO)
    signal.signal(signal.SIGTERM, _stop)
    app = create_app()
    processed = 0
    with app.app_context():
        while _running:
            processed += poll("jobs", cfg.JOBS_QUEUE_URL)
            processed += poll("legacy", cfg.LEGACY_QUEUE_URL)
            heartbeat(processed)
    log.info("worker stopped after %d jobs", processed)


if __name__ == "__main__":
    main()
