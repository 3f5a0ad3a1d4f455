"""Cloud Storage and Secret Manager helpers for the media functions."""
import logging
import os
from functools import lru_cache

from google.cloud import secretmanager, storage

log = logging.getLogger(__name__)

PROJECT = os.environ.get("GOOGLE_CLOUD_PROJECT", "acme-media-prod")
RENDITIONS_BUCKET = os.environ.get("RENDITIONS_BUCKET", "acme-media-renditions")
WORK_DIR = "/tmp/media"

# Mux (video hosting) credentials; the env vars are set in deploy.sh
MUX_TOKEN_ID = os.environ.get("MUX_TOKEN_ID", "4f1c2b7e-8d0a-4c6e-9b3f-2a5d7e9c1b0f")
MUX_TOKEN_SECRET = os.environ.get("MUX_TOKEN_SECRET", "kX9v2QmR7tLp4Wz8Yb3Nc6Hd1Fg5Js0Ae2Uo7Iy4Tr9EwQa1Sd")  #@vuln CWE-798

_client = storage.Client()


@lru_cache(maxsize=32)
def get_secret(name, version="latest"):
    sm = secretmanager.SecretManagerServiceClient()
    resp = sm.access_secret_version(name=f"projects/{PROJECT}/secrets/{name}/versions/{version}")
    return resp.payload.data.decode("utf-8")


def download_to_tmp(bucket, name):
    """Mirror the object path locally so renditions keep the same folder layout."""
    local = os.path.join(WORK_DIR, name)
    os.makedirs(os.path.dirname(local), exist_ok=True)
    _client.bucket(bucket).blob(name).download_to_filename(local)  #@vuln CWE-22
    return local


def download_export(bucket, name):
    local = os.path.join(WORK_DIR, "exports", os.path.basename(name))
    os.makedirs(os.path.dirname(local), exist_ok=True)
    _client.bucket(bucket).blob(name).download_to_filename(local)  #@safe
    return local


def upload_rendition(local_path, dest_name, content_type="video/mp4"):
    blob = _client.bucket(RENDITIONS_BUCKET).blob(dest_name)
    blob.upload_from_filename(local_path, content_type=content_type)
    return f"gs://{RENDITIONS_BUCKET}/{dest_name}"
