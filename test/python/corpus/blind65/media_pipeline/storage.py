"""S3 helpers shared by the image and video workers."""
import hashlib
import os
import tempfile

import boto3
from botocore.config import Config

BUCKET = os.environ.get("MEDIA_BUCKET", "newsroom-media")
REGION = os.environ.get("AWS_REGION", "eu-west-2")

_client = None


def s3():
    global _client
    if _client is None:
        _client = boto3.client("s3", region_name=REGION,
                               config=Config(retries={"max_attempts": 5, "mode": "standard"}))
    return _client


def object_key_for(filename, content):
    digest = hashlib.sha256(content).hexdigest()
    ext = os.path.splitext(filename)[1].lower()
    return f"media/{digest[:2]}/{digest}{ext}"


def upload_file(local_path, key, content_type):
    s3().upload_file(local_path, BUCKET, key, ExtraArgs={"ContentType": content_type, "CacheControl": "max-age=31536000"})
    return f"https://{BUCKET}.s3.{REGION}.amazonaws.com/{key}"


def download_to_workdir(key):
    local_path = tempfile.mktemp(suffix=os.path.splitext(key)[1])  #@vuln CWE-377
    s3().download_file(BUCKET, key, local_path)
    return local_path


def presigned_download(key, expires=900):
    return s3().generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": key}, ExpiresIn=expires)


def delete_prefix(prefix):
    paginator = s3().get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=BUCKET, Prefix=prefix):
        keys = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
        if keys:
            s3().delete_objects(Bucket=BUCKET, Delete={"Objects": keys})
