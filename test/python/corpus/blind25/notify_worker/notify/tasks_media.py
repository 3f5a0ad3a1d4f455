import json
import os
import pickle
import re
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

from notify.celery_app import app

MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", "/srv/media")).resolve()
TENANT_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")


def _media_path(relative: str) -> Path:
    path = (MEDIA_ROOT / relative).resolve()
    if not path.is_relative_to(MEDIA_ROOT):
        raise ValueError(f"path escapes media root: {relative}")
    return path


def _tenant_dir(kind: str, tenant: str) -> Path:
    if not TENANT_RE.match(tenant):
        raise ValueError(f"bad tenant slug: {tenant!r}")
    path = MEDIA_ROOT / kind / tenant
    path.mkdir(parents=True, exist_ok=True)
    return path


@app.task(name="media.transcode")
def transcode(upload: dict[str, Any]) -> str:
    """upload = {"path", "original_name", "preset"} as posted by the upload API."""
    src = MEDIA_ROOT / upload["path"]
    out = src.with_suffix(".mp4")
    preset = upload.get("preset", "medium")
    cmd = f"ffmpeg -y -i {src} -preset {preset} -metadata title='{upload['original_name']}' {out}"
    subprocess.run(cmd, shell=True, check=True, timeout=900)  #@vuln CWE-78
    return str(out.relative_to(MEDIA_ROOT))


@app.task(name="media.probe")
def probe(path: str) -> dict[str, Any]:
    src = _media_path(path)
    result = subprocess.run(["ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", "-show_streams", str(src)], capture_output=True, check=True, timeout=60)  #@safe
    return json.loads(result.stdout)


@app.task(name="media.thumbnail")
def thumbnail(path: str, size: str = "320x240") -> str:
    src = MEDIA_ROOT / path
    dest = src.parent / f"thumb_{src.stem}.jpg"
    os.system(f"convert {src} -thumbnail {size} {dest}")  #@vuln CWE-78
    return str(dest.relative_to(MEDIA_ROOT))


@app.task(name="media.render_waveform")
def render_waveform(path: str) -> dict[str, Any]:
    src = _media_path(path)
    png_path = tempfile.mktemp(suffix=".png", prefix="wave_")  #@vuln CWE-377
    subprocess.run(["audiowaveform", "-i", str(src), "-o", png_path, "--width", "1200"], check=True, timeout=300)
    with tempfile.NamedTemporaryFile(mode="w", suffix=".json", delete=False) as meta:  #@safe
        json.dump({"source": path, "width": 1200}, meta)
    final = src.with_suffix(".waveform.png")
    shutil.move(png_path, final)
    return {"image": str(final.relative_to(MEDIA_ROOT)), "meta": meta.name}


@app.task(name="media.import_theme")
def import_theme(archive_path: str, tenant: str) -> list[str]:
    target = _tenant_dir("themes", tenant)
    with tarfile.open(_media_path(archive_path)) as tar:
        tar.extractall(target)  #@vuln CWE-22
        return tar.getnames()


@app.task(name="media.import_icon_pack")
def import_icon_pack(archive_path: str, tenant: str) -> list[str]:
    target = _tenant_dir("icons", tenant).resolve()
    extracted: list[str] = []
    with zipfile.ZipFile(_media_path(archive_path)) as zf:
        for member in zf.infolist():
            dest = (target / member.filename).resolve()
            if member.is_dir() or not dest.is_relative_to(target):
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(member) as src, open(dest, "wb") as fh:  #@safe
                shutil.copyfileobj(src, fh)
            extracted.append(str(dest.relative_to(target)))
    return extracted


@app.task(name="media.open_project")
def open_project(project_path: str) -> dict[str, Any]:
    """.mproj files are uploaded by users from the desktop editor (pickled timeline objects)."""
    timeline = pickle.loads(_media_path(project_path).read_bytes())  #@vuln CWE-502
    return {"tracks": len(timeline.get("tracks", [])), "duration": timeline.get("duration", 0)}


@app.task(name="media.apply_preset")
def apply_preset(preset_path: str, target: str) -> dict[str, Any]:
    preset = yaml.load(_media_path(preset_path).read_text(), Loader=yaml.Loader)  #@vuln CWE-502
    return {"target": target, "filters": preset.get("filters", [])}


def load_watermark_config(path: str) -> dict[str, Any]:
    return yaml.safe_load(_media_path(path).read_text()) or {}  #@safe
