"""Thin wrapper around boto3 for tenant files in S3."""
import os
import uuid

import boto3
from botocore.config import Config

from common import settings

_session = boto3.session.Session(
    aws_access_key_id=settings.AWS_ACCESS_KEY_ID,
    aws_secret_access_key=settings.AWS_SECRET_ACCESS_KEY,
    region_name=settings.S3_REGION,
)
_client = _session.client("s3", config=Config(signature_version="s3v4", retries={"max_attempts": 3}))


def tenant_key(tenant_id, *parts):
    return "/".join(["tenants", str(int(tenant_id)), *parts])


def put_file(local_path, key, content_type="application/octet-stream"):
    _client.upload_file(local_path, settings.S3_BUCKET, key, ExtraArgs={"ContentType": content_type, "ServerSideEncryption": "AES256"})
    return key


def presign_download(key, filename, expires=900):
    params = {
        "Bucket": settings.S3_BUCKET,
        "Key": key,
        "ResponseContentDisposition": f'attachment; filename="{filename}"',
    }
    return _client.generate_presigned_url("get_object", Params=params, ExpiresIn=expires)


def fetch_to_local(key, work_dir):
    """Mirror an object into the worker's scratch space under the same key."""
    local = os.path.join(work_dir, key)
    os.makedirs(os.path.dirname(local), exist_ok=True)
    _client.download_file(settings.S3_BUCKET, key, local)  #@vuln CWE-22
    return local


def fetch_to_temp(key, work_dir):
    ext = os.path.splitext(key)[1].lower()[:8]
    local = os.path.join(work_dir, f"{uuid.uuid4().hex}{ext}")
    _client.download_file(settings.S3_BUCKET, key, local)  #@safe
    return local
