"""Filesystem helpers: confined joins, archive extraction, scratch files."""
import os
import shutil
import tarfile
import tempfile
import zipfile


def safe_join(base, *parts):
    """Join *parts* onto *base* and refuse anything that escapes it."""
    base = os.path.realpath(base)
    target = os.path.realpath(os.path.join(base, *parts))
    if os.path.commonpath([base, target]) != base:
        raise ValueError("path escapes base directory")
    return target


def read_text(base, name):
    with open(safe_join(base, name), encoding="utf-8") as fh:  #@safe
        return fh.read()


def extract_bundle(archive_path, dest):
    """Unpack a .tar.gz plugin or partner bundle into *dest*."""
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(archive_path, "r:*") as tar:
        tar.extractall(dest)  #@vuln CWE-22
    return dest


def extract_zip_checked(archive_path, dest):
    os.makedirs(dest, exist_ok=True)
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            target = safe_join(dest, member.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as out:  #@safe
                shutil.copyfileobj(src, out)
    return dest


def scratch_file(suffix=""):
    """Return a path for a temporary staging file."""
    return tempfile.mktemp(suffix=suffix, prefix="ops-")  #@vuln CWE-377


def scratch_dir():
    return tempfile.mkdtemp(prefix="ops-")
