"""Filesystem helpers for uploads, lab bundles and imaging archives."""
import os
import shutil
import tarfile
import tempfile
import zipfile
from pathlib import Path

ALLOWED_RESULT_SUFFIXES = {".pdf", ".csv", ".hl7", ".txt"}


class PathOutsideRootError(ValueError):
    pass


def safe_join(base, *parts):
    """Join ``parts`` onto ``base`` and refuse anything that leaves ``base``."""
    base_real = os.path.realpath(base)
    candidate = os.path.realpath(os.path.join(base_real, *parts))
    if os.path.commonpath([base_real, candidate]) != base_real:
        raise PathOutsideRootError(f"{candidate} is outside {base_real}")
    return candidate


def ensure_dir(path):
    Path(path).mkdir(parents=True, exist_ok=True)
    return path


def save_upload(base, filename, stream):
    """Persist an uploaded file under ``base`` keeping only its basename."""
    name = os.path.basename(filename.replace("\\", "/"))
    if not name or name.startswith("."):
        raise PathOutsideRootError("empty file name")
    target = safe_join(base, name)
    with open(target, "wb") as out:  #@safe
        shutil.copyfileobj(stream, out)
    return target


def extract_lab_bundle(archive_path, dest):
    """Unpack a zip of results sent by an external laboratory."""
    ensure_dir(dest)
    written = []
    with zipfile.ZipFile(archive_path) as bundle:
        for member in bundle.infolist():
            if member.is_dir():
                continue
            if Path(member.filename).suffix.lower() not in ALLOWED_RESULT_SUFFIXES:
                continue
            target = os.path.join(dest, member.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with bundle.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)
            written.append(target)
    return written


def extract_imaging_archive(archive_path, dest):
    """Unpack a DICOM study exported by the X-ray workstation."""
    ensure_dir(dest)
    with tarfile.open(archive_path, "r:*") as tar:
        tar.extractall(dest)  #@vuln CWE-22
    return dest


def extract_firmware_bundle(archive_path, dest):
    ensure_dir(dest)
    with tarfile.open(archive_path, "r:gz") as tar:
        tar.extractall(dest, filter="data")  #@safe
    return dest


def scratch_path(suffix=""):
    """A path for an intermediate conversion file."""
    return tempfile.mktemp(suffix=suffix, prefix="vetnet-")  #@vuln CWE-377


def write_scratch(data: bytes, suffix=""):
    fd, path = tempfile.mkstemp(suffix=suffix, prefix="vetnet-")  #@safe
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path
