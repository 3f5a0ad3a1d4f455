"""S3 storage backends (django-storages) and local scratch handling."""
import os
import tempfile
import zipfile

import boto3
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad
from django.conf import settings
from storages.backends.s3boto3 import S3Boto3Storage

SCRATCH_DIR = getattr(settings, "SCRATCH_DIR", "/var/ledger/scratch")


class PrivateMediaStorage(S3Boto3Storage):
    bucket_name = settings.AWS_PRIVATE_BUCKET
    location = "private"
    default_acl = "private"
    file_overwrite = False
    custom_domain = False


class ExportStorage(S3Boto3Storage):
    """Exports bucket lives in the finance AWS account, hence separate keys."""
    bucket_name = "ledger-exports-prod"
    location = "exports"
    access_key = "AKIAQ3EGRT7XJ2KLPN4M"  #@vuln CWE-798
    secret_key = "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"  #@vuln CWE-798
    default_acl = "private"


def finance_s3_client():
    return boto3.client("s3", region_name="eu-west-1", aws_access_key_id=os.environ["FINANCE_AWS_KEY_ID"], aws_secret_access_key=os.environ["FINANCE_AWS_SECRET"])  #@safe


def save_local_copy(filename: str, content: bytes) -> str:
    path = os.path.join(SCRATCH_DIR, filename)
    with open(path, "wb") as fh:  #@vuln CWE-22
        fh.write(content)
    return path


def safe_scratch_path(filename: str) -> str:
    base = os.path.realpath(SCRATCH_DIR)
    target = os.path.realpath(os.path.join(base, filename))
    if os.path.commonpath([base, target]) != base:
        raise ValueError("path escapes scratch dir")
    return target


def read_scratch(filename: str) -> bytes:
    with open(safe_scratch_path(filename), "rb") as fh:  #@safe
        return fh.read()


def extract_statement_bundle(archive_path: str, dest: str) -> list[str]:
    written = []
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.namelist():
            if member.endswith("/"):
                continue
            target = os.path.join(dest, member)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                out.write(src.read())
            written.append(target)
    return written


def extract_theme(archive_path: str, dest: str) -> None:
    base = os.path.realpath(dest)
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            target = os.path.realpath(os.path.join(base, info.filename))
            if not target.startswith(base + os.sep):
                continue
            zf.extract(info, base)  #@safe


def spool_csv(data: bytes) -> str:
    path = tempfile.mktemp(suffix=".csv", dir=SCRATCH_DIR)  #@vuln CWE-377
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def spool_pdf(data: bytes) -> str:
    fd, path = tempfile.mkstemp(suffix=".pdf")  #@safe
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


def client_side_encrypt(blob: bytes) -> bytes:
    """Extra layer before shipping exports to the finance bucket."""
    cipher = AES.new(settings.EXPORT_BLOB_KEY, AES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(pad(blob, AES.block_size))
