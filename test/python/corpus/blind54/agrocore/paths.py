"""Filesystem helpers for exports, uploads and unpacked archives."""
import os
import tarfile
from pathlib import Path

EXPORT_ROOT = os.environ.get("AGRI_EXPORT_ROOT", "/var/lib/agrisense/exports")
UPLOAD_ROOT = os.environ.get("AGRI_UPLOAD_ROOT", "/var/lib/agrisense/uploads")


def export_path(*parts):
    """Build a location below the export root for reports and map tiles."""
    return os.path.join(EXPORT_ROOT, *parts)


def upload_path(farm_id, *parts):
    return os.path.join(UPLOAD_ROOT, str(farm_id), *parts)


def ensure_dir(path):
    Path(path).mkdir(parents=True, exist_ok=True)
    return path


def resolve_inside(root, name):
    """Return the real path of ``name`` inside ``root`` or raise ValueError."""
    real_root = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(real_root, os.path.basename(name)))
    if os.path.commonpath([real_root, candidate]) != real_root:
        raise ValueError(f"{name!r} resolves outside {root}")
    return candidate


def _member_is_contained(dest, member):
    target = os.path.realpath(os.path.join(dest, member.name))
    return target.startswith(os.path.realpath(dest) + os.sep) and not (member.issym() or member.islnk())


def safe_extract(archive_path, dest):
    ensure_dir(dest)
    with tarfile.open(archive_path, "r:*") as tar:
        members = [m for m in tar.getmembers() if _member_is_contained(dest, m)]
        tar.extractall(dest, members=members)  #@safe
    return dest


def human_size(num_bytes):
    for unit in ("B", "KB", "MB", "GB"):
        if num_bytes < 1024:
            return f"{num_bytes:.1f} {unit}"
        num_bytes /= 1024
    return f"{num_bytes:.1f} TB"
