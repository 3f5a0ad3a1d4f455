"""Bulk export of a tenant's reports (zip/tar, S3, e-mail)."""
import logging
import os
import re
import shutil
import subprocess
import tempfile

from django.conf import settings

from common import s3, tokens
from reports.models import Report

log = logging.getLogger(__name__)


def _stage_reports(tenant_id, staging):
    pdf_dir = os.path.join(settings.REPORT_DIR, str(int(tenant_id)))
    for rep in Report.objects.filter(tenant_id=tenant_id).exclude(pdf_path=""):
        src = os.path.join(pdf_dir, os.path.basename(rep.pdf_path))
        if os.path.exists(src):
            shutil.copy(src, staging)


def export_tenant_reports(tenant_id, bundle_name, attachments=()):
    staging = tempfile.mkdtemp(prefix="export-")
    try:
        _stage_reports(tenant_id, staging)
        for rel in attachments:
            shutil.copy(os.path.join(settings.ATTACHMENT_ROOT, str(int(tenant_id)), rel), staging)  #@vuln CWE-22
        archive = shutil.make_archive(os.path.join(settings.EXPORT_ROOT, bundle_name), "zip", root_dir=staging)  #@vuln CWE-22
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("tenant %s export written to %s", tenant_id, archive)
    return archive


def export_to_s3(tenant_id, bundle_name, encrypt_legacy=False):
    safe_name = re.sub(r"[^A-Za-z0-9_-]+", "-", bundle_name).strip("-")[:64] or "reports"
    staging = tempfile.mkdtemp(prefix="export-")
    try:
        _stage_reports(tenant_id, staging)
        out_dir = os.path.join(settings.EXPORT_ROOT, str(int(tenant_id)))
        os.makedirs(out_dir, exist_ok=True)
        archive = shutil.make_archive(os.path.join(out_dir, safe_name), "gztar", root_dir=staging)  #@safe
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    with open(archive, "rb") as fh:
        data = fh.read()
    blob = tokens.encrypt_export_legacy(data) if encrypt_legacy else tokens.encrypt_export(data)
    enc_path = archive + ".fvx"
    with open(enc_path, "wb") as fh:
        fh.write(blob)
    key = s3.tenant_key(tenant_id, "exports", os.path.basename(enc_path))
    s3.put_file(enc_path, key)
    notify_ops(enc_path)
    return s3.presign_download(key, os.path.basename(enc_path))


def mail_export(archive_path, email):
    cmd = f"echo 'Your report export is attached.' | mail -s 'Report export' -A {archive_path} {email}"
    subprocess.run(cmd, shell=True, check=True, timeout=60)  #@vuln CWE-78


def notify_ops(archive_path):
    subprocess.run(["logger", "-t", "reports-export", f"created {os.path.basename(archive_path)}"], check=False, timeout=10)  #@safe
