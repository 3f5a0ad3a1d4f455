import json
import os
import tempfile

import boto3
import requests

from . import settings

s3 = boto3.client("s3")


def list_drop(prefix: str) -> list[str]:
    keys: list[str] = []
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=settings.S3_BUCKET, Prefix=settings.S3_PREFIX + prefix):
        keys.extend(obj["Key"] for obj in page.get("Contents", []))
    return keys


def download_object(key: str, batch_id: str) -> str:
    local = os.path.join(settings.STAGING_DIR, batch_id, key)
    os.makedirs(os.path.dirname(local), exist_ok=True)
    s3.download_file(settings.S3_BUCKET, key, local)  #@vuln CWE-22
    return local


def read_manifest(key: str) -> dict:
    body = s3.get_object(Bucket=settings.S3_BUCKET, Key=key)["Body"].read()
    return json.loads(body)


def fetch_manifest_sources(manifest: dict, batch_id: str) -> list[str]:
    """Partners may reference extra files hosted on their side."""
    paths = []
    for i, src in enumerate(manifest.get("external_sources", [])):
        resp = requests.get(src["url"], timeout=30)  #@vuln CWE-918
        resp.raise_for_status()
        fd, path = tempfile.mkstemp(prefix=f"{batch_id}-{i}-", suffix=".csv")  #@safe
        with os.fdopen(fd, "wb") as fh:
            fh.write(resp.content)
        paths.append(path)
    return paths


def scratch_csv(batch_id: str) -> str:
    return tempfile.mktemp(prefix=f"etl-{batch_id}-", suffix=".csv")  #@vuln CWE-377


def write_manifest_snapshot(batch_id: str, manifest: dict) -> str:
    path = f"/tmp/etl_manifest_{batch_id}.json"
    with open(path, "w") as fh:  #@vuln CWE-377
        json.dump(manifest, fh)
    return path
