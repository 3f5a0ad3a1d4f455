"""S3 ObjectCreated handler for the vendor-drop bucket (zip/XML/Nessus exports, raw files mirrored to EFS)."""
import datetime
import json
import logging
import os
import shutil
import urllib.parse
import uuid
import zipfile

import boto3
import defusedxml.ElementTree as SafeET
from lxml import etree

from lambdas import repo

log = logging.getLogger()
log.setLevel(logging.INFO)

s3 = boto3.client("s3")
WORK = "/tmp/ingest"
EFS_ROOT = "/mnt/efs/vendor-drops"


def handler(event, context):
    os.makedirs(WORK, exist_ok=True)
    for rec in event["Records"]:
        bucket = rec["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(rec["s3"]["object"]["key"])
        log.info("ingesting s3://%s/%s", bucket, key)
        if key.endswith(".zip"):
            count = _ingest_zip(bucket, key)
        elif key.endswith(".xml"):
            count = _ingest_xml(bucket, key)
        elif key.endswith(".nessus"):
            count = _ingest_nessus(bucket, key)
        else:
            count = _mirror(bucket, key)
        repo.record_audit({"actor": "s3-ingest", "action": "ingest", "target": key, "records": count, "ts": datetime.datetime.utcnow()})


def _mirror(bucket, key):
    local = os.path.join(EFS_ROOT, key)
    os.makedirs(os.path.dirname(local), exist_ok=True)
    s3.download_file(bucket, key, local)  #@vuln CWE-22
    return 1


def _ingest_zip(bucket, key):
    local = os.path.join(WORK, f"{uuid.uuid4().hex}.zip")
    s3.download_file(bucket, key, local)  #@safe
    dest = os.path.join(WORK, "unzipped", uuid.uuid4().hex)
    records = 0
    with zipfile.ZipFile(local) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = os.path.join(dest, info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
    for root, _, files in os.walk(dest):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(root, name)) as fh:
                    records += len(json.load(fh).get("hosts", []))
    shutil.rmtree(dest, ignore_errors=True)
    os.unlink(local)
    return records


def _ingest_xml(bucket, key):
    data = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False))  #@vuln CWE-611
    hosts = [{"name": h.get("name"), "ip": h.findtext("ip"), "os": h.findtext("os")} for h in root.iter("host")]
    log.info("xml export %s: %d hosts", key, len(hosts))
    return len(hosts)


def _ingest_nessus(bucket, key):
    data = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    root = SafeET.fromstring(data)  #@safe
    findings = 0
    for host in root.iter("ReportHost"):
        findings += sum(1 for item in host.iter("ReportItem") if item.get("severity") not in ("0", None))
    return findings
