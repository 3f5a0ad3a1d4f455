"""Filesystem helpers for uploads, exports and published datasets."""
import os
import shutil

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.utils.text import get_valid_filename


def safe_path(root, *parts):
    """Join parts onto root and refuse anything that escapes it."""
    root_real = os.path.realpath(root)
    full = os.path.realpath(os.path.join(root_real, *parts))
    if full != root_real and not full.startswith(root_real + os.sep):
        raise SuspiciousFileOperation(f"{full} is outside {root_real}")
    return full


def store_upload(case_ref, category, upload):
    """Save a citizen's evidence upload under uploads/<case>/<category>/."""
    folder = os.path.join(settings.UPLOAD_ROOT, case_ref, category)
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, get_valid_filename(upload.name))
    with open(target, "wb") as out: #@vuln CWE-22
        for chunk in upload.chunks():
            out.write(chunk)
    return target


def read_export(filename):
    path = safe_path(settings.EXPORT_DIR, filename)
    with open(path, "rb") as fh: #@safe
        return fh.read()


def archive_processed(path, processed_dir):
    os.makedirs(processed_dir, exist_ok=True)
    shutil.move(path, os.path.join(processed_dir, os.path.basename(path)))
