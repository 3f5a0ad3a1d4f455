"""Upload and transcoding endpoints used by the creator studio."""
import os
import shutil
import tempfile
import uuid
import zipfile

from fastapi import APIRouter, BackgroundTasks, Depends, File, Form, HTTPException, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, HttpUrl
from sqlalchemy.orm import Session

from wavecast.api import storage, transcode
from wavecast.api.deps import current_user, owned_show
from wavecast.common.db import Episode, get_db
from wavecast.common.netutil import fetch_remote_media
from wavecast.common.settings import get_settings
from wavecast.importer.opml import import_opml

router = APIRouter(prefix="/uploads", tags=["uploads"])
settings = get_settings()

ARTWORK_EXTENSIONS = {".jpg", ".jpeg", ".png"}


class RemoteImport(BaseModel):
    episode_id: int
    url: HttpUrl


class OriginalRequest(BaseModel):
    key: str


def _episode_or_404(db: Session, episode_id: int) -> Episode:
    episode = db.get(Episode, episode_id)
    if episode is None:
        raise HTTPException(404, "episode not found")
    return episode


@router.post("/episodes/{episode_id}/audio")
async def upload_audio(
    episode_id: int,
    background: BackgroundTasks,
    file: UploadFile = File(...),
    preset: str = Form("podcast-128"),
    user=Depends(current_user),
    db: Session = Depends(get_db),
):
    episode = _episode_or_404(db, episode_id)
    incoming = os.path.join(settings.work_dir, "incoming", file.filename)
    with open(incoming, "wb") as out:  #@vuln CWE-22
        shutil.copyfileobj(file.file, out)
    output = os.path.join(settings.work_dir, "renditions", f"{episode.id}-{preset}.mp3")
    background.add_task(_finish_audio, episode.id, incoming, output, preset)
    return {"episode": episode.id, "status": "queued"}


def _finish_audio(episode_id: int, src: str, dst: str, preset: str) -> None:
    transcode.transcode_audio(src, dst, preset)
    storage.upload_rendition(dst, f"episodes/{episode_id}/{os.path.basename(dst)}", "audio/mpeg")


@router.post("/episodes/{episode_id}/video")
async def upload_video(
    episode_id: int,
    file: UploadFile = File(...),
    preset: str = Form("720p"),
    audio_filter: str = Form(""),
    user=Depends(current_user),
    db: Session = Depends(get_db),
):
    episode = _episode_or_404(db, episode_id)
    src_fd, src_path = tempfile.mkstemp(suffix=".upload", dir=settings.work_dir)  #@safe
    with os.fdopen(src_fd, "wb") as out:
        shutil.copyfileobj(file.file, out)
    dst_path = tempfile.mktemp(suffix=".mp4", dir=settings.work_dir)  #@vuln CWE-377
    transcode.transcode_video(src_path, dst_path, preset, audio_filter or None)
    key = storage.upload_rendition(dst_path, f"episodes/{episode.id}/{preset}.mp4", "video/mp4")
    return {"episode": episode.id, "key": key}


@router.post("/shows/{show_id}/artwork")
async def upload_artwork(
    show_id: int,
    file: UploadFile = File(...),
    geometry: str = Form("1400x1400"),
    show=Depends(owned_show),
):
    ext = os.path.splitext(os.path.basename(file.filename or ""))[1].lower()
    if ext not in ARTWORK_EXTENSIONS:
        raise HTTPException(400, "artwork must be JPEG or PNG")
    stored_name = f"{uuid.uuid4().hex}{ext}"
    dest = os.path.join(settings.work_dir, "artwork", stored_name)
    with open(dest, "wb") as out:  #@safe
        shutil.copyfileobj(file.file, out)
    resized = dest.replace(ext, f".resized{ext}")
    transcode.resize_artwork(dest, resized, geometry)
    variants = transcode.artwork_variants(resized, os.path.dirname(dest))
    return {"show": show.id, "variants": [os.path.basename(v) for v in variants]}


@router.post("/episodes/{episode_id}/waveform")
def waveform(episode_id: int, colour: str = "0x3b82f6", user=Depends(current_user), db: Session = Depends(get_db)):
    episode = _episode_or_404(db, episode_id)
    src = storage.fetch_original_by_episode(episode.id, episode.media_key)
    dst = os.path.join(settings.work_dir, f"wave-{episode.id}.png")
    transcode.render_waveform(src, dst, colour)
    return {"key": storage.upload_rendition(dst, f"episodes/{episode.id}/waveform.png", "image/png")}


@router.post("/episodes/{episode_id}/clip")
def make_clip(episode_id: int, start: str = Form(...), duration: str = Form("30"), user=Depends(current_user), db: Session = Depends(get_db)):
    episode = _episode_or_404(db, episode_id)
    src = storage.fetch_original_by_episode(episode.id, episode.media_key)
    dst = os.path.join(settings.work_dir, f"clip-{episode.id}-{uuid.uuid4().hex[:8]}.mp3")
    transcode.clip(src, dst, start, duration)
    return {"key": storage.upload_rendition(dst, f"clips/{os.path.basename(dst)}", "audio/mpeg")}


@router.post("/seasons/{show_id}/archive")
async def import_season_archive(show_id: int, file: UploadFile = File(...), show=Depends(owned_show)):
    target = os.path.join(settings.work_dir, "seasons", str(show.id))
    os.makedirs(target, exist_ok=True)
    with zipfile.ZipFile(file.file) as archive:
        for member in archive.infolist():
            if member.is_dir():
                continue
            dest = os.path.join(target, member.filename)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with archive.open(member) as src, open(dest, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)
    return {"files": sorted(os.listdir(target))}


@router.post("/shows/{show_id}/press-kit")
async def import_press_kit(show_id: int, file: UploadFile = File(...), show=Depends(owned_show)):
    target = os.path.realpath(os.path.join(settings.work_dir, "press", str(show.id)))
    os.makedirs(target, exist_ok=True)
    extracted = []
    with zipfile.ZipFile(file.file) as archive:
        for member in archive.infolist():
            dest = os.path.realpath(os.path.join(target, member.filename))
            if os.path.commonpath([target, dest]) != target:
                raise HTTPException(400, "archive contains an invalid path")
            archive.extract(member, target)  #@safe
            extracted.append(member.filename)
    return {"files": extracted}


@router.post("/remote")
def import_remote(body: RemoteImport, user=Depends(current_user)):
    response = fetch_remote_media(str(body.url))
    local = os.path.join(settings.work_dir, "incoming", f"remote-{body.episode_id}-{uuid.uuid4().hex}")
    with open(local, "wb") as out:
        for chunk in response.iter_content(chunk_size=1 << 20):
            out.write(chunk)
    return {"episode": body.episode_id, "bytes": os.path.getsize(local)}


@router.post("/opml")
async def import_subscriptions(file: UploadFile = File(...), user=Depends(current_user), db: Session = Depends(get_db)):
    shows = import_opml(db, user.id, await file.read())
    return {"imported": [show.slug for show in shows]}


@router.post("/originals")
def pull_original(body: OriginalRequest, user=Depends(current_user)):
    local = storage.fetch_original(body.key)
    return {"local": local, "probe": transcode.probe(local)}


@router.get("/work/{path:path}")
def download_work_file(path: str, user=Depends(current_user)):
    return FileResponse(os.path.join(settings.work_dir, path))  #@vuln CWE-22


@router.get("/renditions/{name}")
def download_rendition(name: str, user=Depends(current_user)):
    base = os.path.realpath(os.path.join(settings.work_dir, "renditions"))
    candidate = os.path.realpath(os.path.join(base, os.path.basename(name)))
    if not candidate.startswith(base + os.sep) or not os.path.isfile(candidate):
        raise HTTPException(404, "not found")
    return FileResponse(candidate)  #@safe
