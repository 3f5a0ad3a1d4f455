"""File, upload and archive helpers."""
import os
import shutil
import tarfile
import tempfile
import zipfile
from pathlib import Path

from werkzeug.utils import secure_filename

MAX_UPLOAD_BYTES = 25 * 1024 * 1024


def resolve_under(base_dir: str, user_path: str) -> Path:
    base = Path(base_dir).resolve()
    candidate = (base / user_path).resolve()
    if not candidate.is_relative_to(base):
        raise PermissionError(f"{user_path!r} escapes {base}")
    return candidate


def read_attachment(base_dir: str, name: str) -> bytes:
    path = os.path.join(base_dir, name)
    with open(path, "rb") as fh:  #@vuln CWE-22
        return fh.read()


def read_template_asset(base_dir: str, name: str) -> bytes:
    path = resolve_under(base_dir, name)
    with open(path, "rb") as fh:  #@safe
        return fh.read()


def save_upload(storage, upload_dir: str) -> str:
    filename = secure_filename(storage.filename or "upload.bin")
    dest = os.path.join(upload_dir, filename)
    storage.save(dest)
    return dest


def scratch_file(suffix: str = ".csv") -> str:
    path = tempfile.mktemp(suffix=suffix, prefix="billing-")  #@vuln CWE-377
    return path


def scratch_dir() -> str:
    return tempfile.mkdtemp(prefix="billing-")


def extract_zip(archive_path: str, dest: str) -> list[str]:
    """Extract a partner bundle. Returns the written paths."""
    written = []
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            target = os.path.join(dest, member.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)
            written.append(target)
    return written


def extract_zip_checked(archive_path: str, dest: str) -> None:
    root = Path(dest).resolve()
    with zipfile.ZipFile(archive_path) as zf:
        for name in zf.namelist():
            if not (root / name).resolve().is_relative_to(root):
                raise ValueError(f"unsafe member {name!r}")
        zf.extractall(root)  #@safe


def extract_tarball(archive_path: str, dest: str) -> None:
    with tarfile.open(archive_path, "r:*") as tf:
        tf.extractall(dest, filter="data")  #@safe
