"""S3 access for original uploads and rendered renditions."""
import logging
import os
from typing import Optional

import boto3
from botocore.config import Config

from wavecast.common.settings import get_settings

log = logging.getLogger(__name__)
settings = get_settings()

_s3 = None


def s3():
    global _s3
    if _s3 is None:
        _s3 = boto3.client(
            "s3",
            region_name=settings.s3_region,
            config=Config(retries={"max_attempts": 5, "mode": "adaptive"}),
        )
    return _s3


def staging_s3():
    """Client for the on-prem MinIO used by the ingest boxes."""
    endpoint = settings.s3_endpoint or "https://minio.ingest.internal:9000"
    session = boto3.session.Session(
        aws_access_key_id=os.environ.get("MINIO_ACCESS_KEY"),
        aws_secret_access_key=os.environ.get("MINIO_SECRET_KEY"),
    )
    return session.client("s3", endpoint_url=endpoint, verify=False)  #@vuln CWE-295


def upload_rendition(local_path: str, key: str, content_type: str) -> str:
    s3().upload_file(
        local_path,
        settings.s3_bucket,
        key,
        ExtraArgs={"ContentType": content_type, "CacheControl": "public, max-age=31536000"},
    )
    return key


def presigned_download(key: str, expires: int = 900) -> str:
    return s3().generate_presigned_url(
        "get_object",
        Params={"Bucket": settings.s3_bucket, "Key": key},
        ExpiresIn=expires,
    )


def fetch_original(key: str, work_dir: Optional[str] = None) -> str:
    target = os.path.join(work_dir or settings.work_dir, key)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    s3().download_file(settings.s3_bucket, key, target)  #@vuln CWE-22
    return target


def fetch_original_by_episode(episode_id: int, key: str) -> str:
    local_name = f"ep{episode_id}_{os.path.basename(key)}"
    target = os.path.join(settings.work_dir, local_name)
    s3().download_file(settings.s3_bucket, key, target)  #@safe
    return target


def delete_prefix(prefix: str) -> int:
    paginator = s3().get_paginator("list_objects_v2")
    removed = 0
    for page in paginator.paginate(Bucket=settings.s3_bucket, Prefix=prefix):
        objects = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
        if objects:
            s3().delete_objects(Bucket=settings.s3_bucket, Delete={"Objects": objects})
            removed += len(objects)
    return removed
