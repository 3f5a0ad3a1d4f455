"""Filesystem helpers for media, imports and exports."""
import os
import re

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class UnsafePathError(ValueError):
    pass


def safe_join(base, *parts):
    """Join ``parts`` onto ``base`` and refuse anything that escapes it."""
    root = os.path.realpath(base)
    candidate = os.path.realpath(os.path.join(root, *parts))
    if candidate != root and not candidate.startswith(root + os.sep):
        raise UnsafePathError(f"path escapes {root!r}")
    return candidate


def clean_filename(name, default="file"):
    name = os.path.basename(name or "").strip()
    if not _SAFE_NAME.match(name):
        return default
    return name


def ensure_dir(path, mode=0o750):
    os.makedirs(path, mode=mode, exist_ok=True)
    return path
