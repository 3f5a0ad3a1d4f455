"""Archive helpers for vendor drops and backup bundles."""
import logging
import os
import shutil
import tarfile
import zipfile
from pathlib import Path

log = logging.getLogger(__name__)


def extract_zip(zip_path, dest):
    """Unpack a vendor zip into dest, keeping the vendor's folder layout."""
    dest = str(dest)
    extracted = []
    with zipfile.ZipFile(zip_path) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            out = os.path.join(dest, member.filename)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with zf.open(member) as src, open(out, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
            extracted.append(out)
    log.info("extracted %d files from %s", len(extracted), zip_path)
    return extracted


def extract_zip_checked(zip_path, dest):
    """Same as extract_zip but refuses members that would land outside dest."""
    root = os.path.realpath(dest)
    extracted = []
    with zipfile.ZipFile(zip_path) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            out = os.path.realpath(os.path.join(root, member.filename))
            if os.path.commonpath([root, out]) != root:
                raise ValueError(f"refusing to extract {member.filename!r} outside {root}")
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with zf.open(member) as src, open(out, "wb") as dst:  #@safe
                shutil.copyfileobj(src, dst)
            extracted.append(out)
    return extracted


def extract_tar(tar_path, dest):
    Path(dest).mkdir(parents=True, exist_ok=True)
    with tarfile.open(tar_path) as tar:
        names = tar.getnames()
        tar.extractall(dest)  #@vuln CWE-22
    return names


def extract_backup_bundle(tar_path, dest):
    Path(dest).mkdir(parents=True, exist_ok=True)
    with tarfile.open(tar_path, "r:*") as tar:
        tar.extractall(dest, filter="data")  #@safe
        return tar.getnames()
