"""Filesystem helpers for uploads, notebook outputs and export staging."""
from __future__ import annotations

import os
import re
import shutil
import tempfile

_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def clean_filename(name: str) -> str:
    name = os.path.basename(name or "")
    return _UNSAFE_CHARS.sub("_", name).lstrip(".") or "upload"


def safe_join(base: str, *parts: str) -> str:
    root = os.path.realpath(base)
    candidate = os.path.realpath(os.path.join(root, *parts))
    if os.path.commonpath([root, candidate]) != root:
        raise PermissionError(f"path escapes {base}")
    return candidate


def read_bytes(base: str, name: str) -> bytes:
    with open(safe_join(base, os.path.basename(name)), "rb") as fh:  #@safe
        return fh.read()


def write_upload(base: str, name: str, data: bytes) -> str:
    target = os.path.join(base, name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as fh:  #@vuln CWE-22
        fh.write(data)
    return target


def scratch_dir(prefix: str = "adpulse-") -> str:
    return tempfile.mkdtemp(prefix=prefix)


def remove_tree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)
