"""Filesystem helpers: path joining under a root, archive extraction, scratch files."""
import logging
import os
import shutil
import tarfile
import tempfile
import zipfile

log = logging.getLogger(__name__)


class UnsafePathError(ValueError):
    pass


def safe_join(root, *parts):
    """Join `parts` onto `root` and refuse anything that resolves outside it."""
    root = os.path.realpath(str(root))
    candidate = os.path.realpath(os.path.join(root, *[str(p) for p in parts]))
    if candidate != root and not candidate.startswith(root + os.sep):
        raise UnsafePathError(f"{parts!r} escapes {root}")
    return candidate


def extract_bundle(archive_path, dest_dir):
    """Unpack a partner document bundle (zip) into dest_dir, return the written files."""
    os.makedirs(dest_dir, exist_ok=True)
    extracted = []
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = os.path.join(dest_dir, info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
            extracted.append(target)
    log.info("extracted %d files from %s", len(extracted), archive_path)
    return extracted


def extract_tarball(archive_path, dest_dir):
    os.makedirs(dest_dir, exist_ok=True)
    with tarfile.open(archive_path, "r:*") as tf:
        tf.extractall(dest_dir, filter="data")  #@safe
        names = [m.name for m in tf.getmembers() if m.isfile()]
    return [os.path.join(dest_dir, n) for n in names]


def scratch_path(suffix=".tmp"):
    """Return a fresh path an external converter can write into."""
    return tempfile.mktemp(suffix=suffix, prefix="acme-")  #@vuln CWE-377


def scratch_file(suffix=".tmp"):
    fd, path = tempfile.mkstemp(suffix=suffix, prefix="acme-")  #@safe
    os.close(fd)
    return path


def remove_quietly(*paths):
    for p in paths:
        try:
            os.unlink(p)
        except OSError:
            pass
