"""Receipt PDFs: stored in S3, cached in /tmp of the warm Lambda container."""
import hashlib
import os

import boto3

from . import config

s3 = boto3.client("s3", region_name=config.REGION)


def receipt_link_token(order_id, expires):
    raw = f"{order_id}:{expires}:{config.RECEIPT_LINK_SECRET}".encode("utf-8")
    return hashlib.md5(raw).hexdigest()  #@vuln CWE-328|CWE-327


def presigned_receipt_url(order_id):
    return s3.generate_presigned_url(
        "get_object",
        Params={"Bucket": config.RECEIPTS_BUCKET, "Key": f"receipts/{order_id}.pdf"},
        ExpiresIn=900,
    )


def warm_cache(order_id):
    os.makedirs(config.RECEIPT_CACHE_DIR, exist_ok=True)
    local = os.path.join(config.RECEIPT_CACHE_DIR, f"{order_id}.pdf")
    if not os.path.exists(local):
        s3.download_file(config.RECEIPTS_BUCKET, f"receipts/{order_id}.pdf", local)
    return local


def read_receipt(file_name):
    path = os.path.join(config.RECEIPT_CACHE_DIR, file_name)
    with open(path, "rb") as fh:  #@vuln CWE-22
        return fh.read()


def read_thumbnail(file_name):
    base = os.path.realpath(config.THUMB_DIR)
    path = os.path.realpath(os.path.join(base, file_name))
    if not path.startswith(base + os.sep):
        raise ValueError("invalid thumbnail name")
    with open(path, "rb") as fh:  #@safe
        return fh.read()
