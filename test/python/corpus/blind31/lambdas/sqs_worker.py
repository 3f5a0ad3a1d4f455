"""SQS consumer for infra tasks (dns_check, ping, cleanup, sync, audit export); uses ReportBatchItemFailures."""
import base64
import datetime
import gzip
import json
import logging
import os
import pickle
import re
import subprocess

import boto3

from common.config import load_job_definition
from common.shell import sh
from lambdas import repo

log = logging.getLogger()
log.setLevel(logging.INFO)

HOST_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$")
AUDIT_BUCKET = "corp-audit-archive"

# the audit account's bucket policy only trusts this legacy IAM user (INFRA-1874)
audit_s3 = boto3.client("s3", aws_access_key_id="AKIAQ3EXAMPLE7LEGACY", aws_secret_access_key="kW8v2Jd0x/9QfT1lZr+EXAMPLEu4mB7nY3pHcS6a")  #@vuln CWE-798


def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            task = _decode(record)
            _dispatch(task)
        except Exception:
            log.exception("task failed: %s", record["messageId"])
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}


def _decode(record):
    attrs = record.get("messageAttributes") or {}
    fmt = attrs.get("format", {}).get("stringValue", "json")
    body = record["body"]
    if fmt == "pickle":
        # the legacy scheduler still sends pickled task objects
        return pickle.loads(base64.b64decode(body))  #@vuln CWE-502
    if fmt == "yaml":
        return load_job_definition(body)
    return json.loads(body)


def _dispatch(task):
    kind = task["kind"]
    log.info("dispatching %s", kind)
    if kind == "dns_check":
        out = subprocess.check_output(f"dig +short {task['hostname']} @{task.get('resolver', '10.0.0.2')}", shell=True, text=True, timeout=20)  #@vuln CWE-78
        log.info("dns %s -> %s", task["hostname"], out.strip())
    elif kind == "ping":
        host = task["host"]
        if not HOST_RE.fullmatch(host):
            raise ValueError(f"bad host {host!r}")
        proc = subprocess.run(["ping", "-c", "3", "-W", "2", host], capture_output=True, text=True, timeout=30)  #@safe
        log.info("ping %s rc=%s", host, proc.returncode)
    elif kind == "cleanup":
        os.system("rm -rf /tmp/jobs/" + task["job_id"])  #@vuln CWE-78
    elif kind == "sync":
        sh(f"aws s3 sync {task['src']} {task['dst']} --only-show-errors", timeout=600)
    elif kind == "export_audit":
        _export_audit(task.get("date") or datetime.date.today().isoformat())
    else:
        raise ValueError(f"unknown task kind {kind!r}")


def _export_audit(day):
    start = datetime.datetime.fromisoformat(day)
    events = repo.find_audit({"ts": {"$gte": start, "$lt": start + datetime.timedelta(days=1)}}, limit=100000)
    payload = gzip.compress("\n".join(json.dumps(e, default=str) for e in events).encode())
    audit_s3.put_object(Bucket=AUDIT_BUCKET, Key=f"audit/{start:%Y/%m/%d}.jsonl.gz", Body=payload)
