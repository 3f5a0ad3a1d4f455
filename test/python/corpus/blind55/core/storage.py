"""S3 storage for student submissions and course archives."""
import os
import tarfile
import zipfile

import boto3
from botocore.config import Config

from core.config import BaseConfig

_RETRY_CONFIG = Config(retries={"max_attempts": 5, "mode": "standard"})

# Cold archive lives in the old AWS account until the migration is done.
ARCHIVE_BUCKET = "learnhub-archive-2019"
ARCHIVE_ACCESS_KEY_ID = "AKIAQ3LHARCHIVE7XK2M"
ARCHIVE_SECRET_ACCESS_KEY = "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"  #@vuln CWE-798


def s3_client():
    return boto3.client("s3", region_name=BaseConfig.AWS_REGION, config=_RETRY_CONFIG)


def archive_client():
    return boto3.client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id=ARCHIVE_ACCESS_KEY_ID,
        aws_secret_access_key=ARCHIVE_SECRET_ACCESS_KEY,
    )


def submission_key(course_id, assignment_id, user_id, filename):
    return f"courses/{int(course_id)}/assignments/{int(assignment_id)}/{int(user_id)}/{filename}"


def upload_submission(fileobj, key, content_type="application/octet-stream"):
    s3_client().upload_fileobj(
        fileobj,
        BaseConfig.SUBMISSIONS_BUCKET,
        key,
        ExtraArgs={"ContentType": content_type, "ServerSideEncryption": "aws:kms"},
    )
    return key


def presigned_download(key, expires=300):
    return s3_client().generate_presigned_url(
        "get_object",
        Params={"Bucket": BaseConfig.SUBMISSIONS_BUCKET, "Key": key},
        ExpiresIn=expires,
    )


def download_submission(key, dest_path):
    s3_client().download_file(BaseConfig.SUBMISSIONS_BUCKET, key, dest_path)
    return dest_path


def restore_from_archive(key, dest_path):
    archive_client().download_file(ARCHIVE_BUCKET, key, dest_path)
    return dest_path


def extract_bundle(archive_path, dest_dir):
    """Unpack a project bundle (tar.gz) a student uploaded for a multi-file exercise."""
    os.makedirs(dest_dir, exist_ok=True)
    with tarfile.open(archive_path, "r:*") as bundle:
        bundle.extractall(dest_dir)  #@vuln CWE-22
    return dest_dir


def extract_zip_bundle(zip_path, dest_dir):
    os.makedirs(dest_dir, exist_ok=True)
    root = os.path.realpath(dest_dir)
    with zipfile.ZipFile(zip_path) as bundle:
        for member in bundle.infolist():
            target = os.path.realpath(os.path.join(root, member.filename))
            if os.path.commonpath([root, target]) != root:
                raise ValueError(f"refusing to extract {member.filename!r}")
            bundle.extract(member, root)  #@safe
    return dest_dir


def delete_prefix(prefix):
    client = s3_client()
    paginator = client.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=BaseConfig.SUBMISSIONS_BUCKET, Prefix=prefix):
        keys = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
        if keys:
            client.delete_objects(Bucket=BaseConfig.SUBMISSIONS_BUCKET, Delete={"Objects": keys})
