"""Filesystem layout for matters, natives, productions and exports."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from lexvault.common.settings import get_settings

settings = get_settings()


class StorageError(Exception):
    pass


def matter_dir(matter_id: int) -> Path:
    path = settings.storage_root / f"matter-{int(matter_id):06d}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def export_dir(matter_id: int) -> Path:
    path = settings.export_root / f"matter-{int(matter_id):06d}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def native_path(matter_id: int, stored_name: str) -> str:
    return os.path.join(matter_dir(matter_id), "natives", stored_name)


def text_path(matter_id: int, document_id: int) -> str:
    return os.path.join(matter_dir(matter_id), "text", f"{int(document_id)}.txt")


def resolve_inside(base: Path, *parts: str) -> Path:
    root = Path(base).resolve()
    candidate = root.joinpath(*parts).resolve()
    if not candidate.is_relative_to(root):
        raise StorageError(f"{candidate} is outside {root}")
    return candidate


def safe_filename(name: str | None) -> str:
    name = os.path.basename((name or "").replace("\\", "/"))
    cleaned = "".join(c for c in name if c.isalnum() or c in "._- ").strip(" .")
    return cleaned or "unnamed"


def scratch_file(suffix: str = "") -> str:
    fd, path = tempfile.mkstemp(suffix=suffix, prefix="lv-")  #@safe
    os.close(fd)
    return path


def scratch_path(suffix: str = "") -> str:
    return tempfile.mktemp(suffix=suffix, prefix="lv-conv-")  #@vuln CWE-377


def copy_into_export(src: str, destination: Path, relative_name: str) -> Path:
    target = Path(destination) / relative_name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, target)  #@vuln CWE-22
    return target


def load_extracted_text(matter_id: int, document_id: int, limit: int = 2_000_000) -> str:
    path = text_path(matter_id, document_id)
    if not os.path.exists(path):
        return ""
    with open(path, "r", encoding="utf-8", errors="replace") as fh:
        return fh.read(limit)
