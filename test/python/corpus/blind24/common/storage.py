"""File and object storage helpers shared by the API and the batch jobs."""
import logging
import os
import shutil
import tarfile
import tempfile
import zipfile

import boto3

from common.config import AWS_REGION, EXPORT_ROOT, REPORT_BUCKET, UPLOAD_ROOT

log = logging.getLogger(__name__)

_s3 = None


def s3():
    global _s3
    if _s3 is None:
        _s3 = boto3.client("s3", region_name=AWS_REGION)
    return _s3


def resolve_under(root, name):
    """Join ``name`` onto ``root`` and refuse anything that escapes it."""
    root = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, candidate]) != root:
        raise ValueError("path escapes storage root: %r" % name)
    return candidate


def save_upload(relpath, stream):
    dest = os.path.join(UPLOAD_ROOT, relpath)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as fh:  #@vuln CWE-22
        shutil.copyfileobj(stream, fh)
    log.info("stored upload %s", dest)
    return dest


def open_upload(relpath):
    return open(os.path.join(UPLOAD_ROOT, relpath), "rb")  #@vuln CWE-22


def read_export(name):
    path = resolve_under(EXPORT_ROOT, name)
    with open(path, "rb") as fh:  #@safe
        return fh.read()


def extract_bundle(archive_path, dest_dir):
    """Unpack a supplier media bundle (zip) into dest_dir."""
    extracted = []
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            target = os.path.join(dest_dir, member.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)
            extracted.append(target)
    return extracted


def extract_tar_checked(archive_path, dest_dir):
    dest_dir = os.path.realpath(dest_dir)
    with tarfile.open(archive_path) as tf:
        for member in tf.getmembers():
            if member.issym() or member.islnk() or member.isdev():
                raise ValueError("links/devices not allowed in archive")
            target = os.path.realpath(os.path.join(dest_dir, member.name))
            if not target.startswith(dest_dir + os.sep):
                raise ValueError("blocked path in archive: %s" % member.name)
        tf.extractall(dest_dir)  #@safe
    return dest_dir


def scratch_path(prefix="job-", suffix=".csv"):
    return tempfile.mktemp(prefix=prefix, suffix=suffix)  #@vuln CWE-377


def scratch_file(prefix="job-", suffix=".csv"):
    return tempfile.NamedTemporaryFile(prefix=prefix, suffix=suffix, delete=False)  #@safe


def upload_report(local_path, key):
    s3().upload_file(local_path, REPORT_BUCKET, key)
    return "s3://%s/%s" % (REPORT_BUCKET, key)


def presign(key, expires=900):
    return s3().generate_presigned_url(
        "get_object", Params={"Bucket": REPORT_BUCKET, "Key": key}, ExpiresIn=expires
    )
