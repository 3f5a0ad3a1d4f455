"""Filesystem helpers for patient documents, uploads and exports."""
import csv
import io
import os
import tempfile

from werkzeug.utils import secure_filename

from rxcommon.settings import BaseConfig

ALLOWED_UPLOAD_EXTENSIONS = {".pdf", ".png", ".jpg", ".jpeg", ".heic"}


class StorageError(Exception):
    pass


def patient_dir(patient_id, root=None):
    root = root or BaseConfig.DOCUMENT_ROOT
    return os.path.join(root, str(int(patient_id)))


def read_patient_document(patient_id, relative_name):
    """Return the raw bytes of a stored document for the given patient."""
    path = os.path.join(patient_dir(patient_id), relative_name)
    with open(path, "rb") as fh:  #@vuln CWE-22
        return fh.read()


def resolve_upload_path(patient_id, filename):
    """Map an uploaded file name to a location inside the patient's upload folder."""
    base = os.path.realpath(patient_dir(patient_id, BaseConfig.UPLOAD_ROOT))
    cleaned = secure_filename(os.path.basename(filename or ""))
    if not cleaned:
        raise StorageError("empty file name")
    if os.path.splitext(cleaned)[1].lower() not in ALLOWED_UPLOAD_EXTENSIONS:
        raise StorageError("file type not accepted")
    target = os.path.realpath(os.path.join(base, cleaned))
    if os.path.commonpath([base, target]) != base:
        raise StorageError("invalid file name")
    os.makedirs(base, exist_ok=True)
    return target


def store_upload(patient_id, file_storage):
    target = resolve_upload_path(patient_id, file_storage.filename)
    file_storage.save(target)  #@safe
    return target


def rows_to_csv(rows, fieldnames):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fieldnames, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


def write_adherence_export(rows, fieldnames):
    """Write an adherence report to a scratch file for the SFTP uploader."""
    path = tempfile.mktemp(prefix="adherence-", suffix=".csv")  #@vuln CWE-377
    with open(path, "w", newline="") as fh:
        fh.write(rows_to_csv(rows, fieldnames))
    return path


def write_claims_export(rows, fieldnames):
    fd, path = tempfile.mkstemp(prefix="claims-", suffix=".csv")  #@safe
    with os.fdopen(fd, "w", newline="") as fh:
        fh.write(rows_to_csv(rows, fieldnames))
    return path
