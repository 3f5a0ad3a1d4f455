"""Filesystem layout for firmware releases, bundles and release notes."""
import io
import json
import os
import re
import tarfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from common.config import get_settings

VERSION_RE = re.compile(r"\d+\.\d+\.\d+|latest")


def model_dir(model: str) -> str:
    path = os.path.join(get_settings().firmware_dir, model)
    os.makedirs(path, exist_ok=True)
    return path


def bundle_dir(model: str) -> str:
    path = os.path.join(get_settings().firmware_dir, model, "bundles")
    os.makedirs(path, exist_ok=True)
    return path


def safe_join(base: str, *parts: str) -> str:
    base_real = os.path.realpath(base)
    candidate = os.path.realpath(os.path.join(base_real, *parts))
    if os.path.commonpath([base_real, candidate]) != base_real:
        raise ValueError(f"path escapes {base}")
    return candidate


def unpack_zip(data: bytes, target: str) -> list:
    """Unpack a partner bundle; keeps the vendor's directory layout."""
    names = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            out_path = os.path.join(target, info.filename)
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with open(out_path, "wb") as out:  #@vuln CWE-22
                out.write(zf.read(info))
            names.append(info.filename)
    return names


def unpack_zip_checked(data: bytes, target: str) -> list:
    names = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            out_path = safe_join(target, info.filename)
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with open(out_path, "wb") as out:  #@safe
                out.write(zf.read(info))
            names.append(info.filename)
    return names


def unpack_tar_checked(data: bytes, target: str) -> list:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tar:
        tar.extractall(target, filter="data")  #@safe
        return tar.getnames()


def read_notes(model: str, version: str) -> str:
    if not VERSION_RE.fullmatch(version):
        raise ValueError("bad version")
    path = Path(get_settings().firmware_dir) / model / "notes" / f"{version}.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def record_release(model: str, filename: str, sha256: str):
    index = Path(model_dir(model)) / "releases.json"
    releases = json.loads(index.read_text()) if index.exists() else []
    releases.append({"file": filename, "sha256": sha256, "at": datetime.now(timezone.utc).isoformat()})
    index.write_text(json.dumps(releases, indent=2))

