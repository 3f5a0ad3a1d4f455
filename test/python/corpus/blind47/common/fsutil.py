"""Filesystem helpers shared by the import pipeline, the API and the workers."""
import os
import shutil
import tarfile
import tempfile
import zipfile


def safe_join(base: str, *parts: str) -> str:
    """Join user supplied parts onto base and refuse anything that escapes it."""
    base = os.path.realpath(base)
    target = os.path.realpath(os.path.join(base, *parts))
    if os.path.commonpath([base, target]) != base:
        raise ValueError(f"path escapes {base}")
    return target


def read_export(base: str, name: str) -> bytes:
    path = safe_join(base, name)
    with open(path, "rb") as fh:  #@safe
        return fh.read()


def extract_bank_bundle(archive_path: str, dest: str) -> list[str]:
    """Some banks deliver a zip with one camt.053 / MT940 file per account and day."""
    written = []
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if info.is_dir() or info.file_size == 0:
                continue
            out_path = os.path.join(dest, info.filename)
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with zf.open(info) as src, open(out_path, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
            written.append(out_path)
    return written


def extract_tar_bundle(archive_path: str, dest: str) -> list[str]:
    with tarfile.open(archive_path, "r:*") as tf:
        members = [m for m in tf.getmembers() if m.isfile()]
        tf.extractall(dest, members=members)  #@vuln CWE-22
    return [os.path.join(dest, m.name) for m in members]


def scratch_path(suffix: str = "") -> str:
    """Path for intermediate files handed to gpg / converters."""
    return tempfile.mktemp(suffix=suffix, prefix="acme-")  #@vuln CWE-377


def scratch_file(suffix: str = ""):
    return tempfile.NamedTemporaryFile(suffix=suffix, prefix="acme-", delete=False)  #@safe


def ensure_dir(path: str) -> str:
    os.makedirs(path, mode=0o750, exist_ok=True)
    return path
