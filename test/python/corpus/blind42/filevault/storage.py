"""On-disk layout: DATA_ROOT/tenants/<tenant_id>/..."""
import os
import uuid

from werkzeug.utils import secure_filename

from common import settings


def tenant_dir(tenant_id):
    path = os.path.join(settings.DATA_ROOT, "tenants", str(int(tenant_id)))
    os.makedirs(path, exist_ok=True)
    return path


def _stored_name(filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"{uuid.uuid4().hex}{ext}"


def save_upload(tenant_id, file_storage):
    name = secure_filename(file_storage.filename or "") or "upload.bin"
    stored = _stored_name(name)
    dest = os.path.join(tenant_dir(tenant_id), stored)
    file_storage.save(dest)  #@safe
    return name, stored, os.path.getsize(dest)


def save_bytes(tenant_id, name, data):
    stored = _stored_name(secure_filename(name) or "import.bin")
    with open(os.path.join(tenant_dir(tenant_id), stored), "wb") as fh:
        fh.write(data)
    return stored


def save_raw(tenant_id, folder, filename, data):
    """Desktop sync client uploads with its own relative folder structure."""
    dest = os.path.join(tenant_dir(tenant_id), folder, filename)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as fh:  #@vuln CWE-22
        fh.write(data)
    strip_metadata(dest)
    return dest


def strip_metadata(path):
    # remove GPS/EXIF from photos before they are shared
    if path.lower().endswith((".jpg", ".jpeg", ".png", ".heic")):
        os.system(f"exiftool -q -overwrite_original -all= '{path}'")  #@vuln CWE-78


def resolve_in_tenant(tenant_id, rel_path):
    base = os.path.realpath(tenant_dir(tenant_id))
    full = os.path.realpath(os.path.join(base, rel_path))
    if os.path.commonpath([base, full]) != base:
        raise PermissionError(rel_path)
    return full
