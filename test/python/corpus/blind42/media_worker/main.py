"""media-worker HTTP API: thumbnails, conversions, transcodes, remote imports."""
import ast
import hashlib
import hmac
import json
import os
import shutil
import uuid
from typing import Optional

from fastapi import Depends, FastAPI, File, Form, Header, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from pydantic import BaseModel

from common import fetch, s3, settings
from media_worker import ffmpeg, images, jobs

app = FastAPI(title="media-worker", docs_url=None if settings.IS_PROD else "/docs")

WORK = settings.MEDIA_WORK_DIR
OUT_DIR = WORK / "out"
ALLOWED_IMAGE_FORMATS = {"png", "jpg", "jpeg", "webp", "gif", "tiff", "pdf"}


def tenant_id(x_tenant_id: int = Header(...)) -> int:
    return x_tenant_id


def _save_upload(up: UploadFile) -> str:
    (WORK / "in").mkdir(parents=True, exist_ok=True)
    ext = os.path.splitext(up.filename or "")[1].lower()[:8]
    path = str(WORK / "in" / f"{uuid.uuid4().hex}{ext}")
    with open(path, "wb") as fh:
        shutil.copyfileobj(up.file, fh)
    return path


# --- images ---------------------------------------------------------------

@app.post("/thumbnails/from-url")
def thumbnail_from_url(url: str = Form(...), size: int = Form(256), tenant: int = Depends(tenant_id)):
    src = images.fetch_image(url)
    return FileResponse(images.make_thumbnail(src, max(16, min(size, 1024))), media_type="image/jpeg")


@app.post("/convert")
def convert(file: UploadFile = File(...), fmt: str = Form("png"), density: str = Form("150"), tenant: int = Depends(tenant_id)):
    fmt = fmt.lower()
    if fmt not in ALLOWED_IMAGE_FORMATS:
        raise HTTPException(400, "format not supported")
    return FileResponse(images.convert_format(_save_upload(file), fmt, density))


@app.post("/watermark")
def watermark(file: UploadFile = File(...), mark: str = Form("default.png"), brand: Optional[str] = Form(None), tenant: int = Depends(tenant_id)):
    src = _save_upload(file)
    try:
        out = images.apply_brand_overlay(src, brand) if brand else images.apply_watermark(src, mark)
    except ValueError as exc:
        raise HTTPException(400, str(exc))
    return FileResponse(out, media_type="image/jpeg")


# --- video ----------------------------------------------------------------

@app.post("/video/frame")
def video_frame(file: UploadFile = File(...), at: str = Form("00:00:01"), tenant: int = Depends(tenant_id)):
    return FileResponse(ffmpeg.extract_frame(_save_upload(file), at), media_type="image/jpeg")


@app.post("/video/scale")
def video_scale(file: UploadFile = File(...), width: str = Form(...), height: str = Form("-2"), tenant: int = Depends(tenant_id)):
    return FileResponse(ffmpeg.scale_video(_save_upload(file), width, height), media_type="video/mp4")


@app.post("/video/transcode")
def video_transcode(file: UploadFile = File(...), preset: str = Form("720p"), options: str = Form("{}"), callback_url: Optional[str] = Form(None), tenant: int = Depends(tenant_id)):
    if preset not in ffmpeg.PRESETS:
        raise HTTPException(400, "unknown preset")
    extra = ast.literal_eval(options)  #@safe
    if not isinstance(extra, dict):
        raise HTTPException(400, "options must be a mapping")
    job_id = jobs.enqueue(tenant, "transcode", _save_upload(file), preset=preset, callback_url=callback_url, options=extra)
    return {"job_id": job_id}


@app.post("/video/custom")
def video_custom(file: UploadFile = File(...), profile: str = Form(...), tenant: int = Depends(tenant_id)):
    # profile is the python dict snippet copied from the encoder wiki page
    opts = eval(profile)  #@vuln CWE-95
    return FileResponse(ffmpeg.custom_encode(_save_upload(file), dict(opts)))


@app.post("/video/sequence")
def video_sequence(frames: UploadFile = File(...), fps: int = Form(24), tenant: int = Depends(tenant_id)):
    frames_dir = str(WORK / "frames" / uuid.uuid4().hex)
    os.makedirs(frames_dir)
    archive = _save_upload(frames)
    shutil.unpack_archive(archive, frames_dir, format="gztar")  #@vuln CWE-22
    return FileResponse(ffmpeg.frames_to_video(frames_dir, max(1, min(fps, 60))), media_type="video/mp4")


# --- outputs / jobs -------------------------------------------------------

@app.get("/outputs")
def get_output(name: str = Query(...)):
    return FileResponse(os.path.join(OUT_DIR, name))  #@vuln CWE-22


@app.get("/outputs/{job_id}")
def get_job_output(job_id: uuid.UUID, tenant: int = Depends(tenant_id)):
    if jobs.get_job(tenant, job_id) is None:
        raise HTTPException(404)
    return FileResponse(OUT_DIR / f"{job_id}.mp4", media_type="video/mp4")  #@safe


class ImportRequest(BaseModel):
    url: Optional[str] = None
    s3_key: Optional[str] = None
    keep_layout: bool = False
    callback_url: Optional[str] = None


@app.post("/import")
def import_remote(req: ImportRequest, tenant: int = Depends(tenant_id)):
    if req.s3_key and req.keep_layout:
        local = s3.fetch_to_local(req.s3_key, str(WORK / "s3" / str(tenant)))
    elif req.s3_key:
        local = s3.fetch_to_temp(req.s3_key, str(WORK / "in"))
    elif req.url:
        data = fetch.download(req.url)
        local = str(WORK / "in" / uuid.uuid4().hex)
        with open(local, "wb") as fh:
            fh.write(data)
    else:
        raise HTTPException(400, "url or s3_key required")
    return {"job_id": jobs.enqueue(tenant, "probe", local, callback_url=req.callback_url)}


@app.post("/jobs/status")
async def job_status(request: Request):
    body = await request.json()
    job = jobs.public_status(body.get("job_id"), body.get("token"))
    if job is None:
        raise HTTPException(404)
    return {"state": job["state"], "output": job.get("output")}


@app.post("/jobs/resume")
def resume_job(state: str = Form(...), tenant: int = Depends(tenant_id)):
    return {"job_id": jobs.restore_state(state)}


@app.get("/jobs/{job_id}/done")
def job_done(job_id: uuid.UUID, return_to: str = Query("/")):
    return RedirectResponse(return_to, status_code=303)  #@vuln CWE-601


@app.get("/gallery/{job_id}", response_class=HTMLResponse)
def gallery(job_id: uuid.UUID, caption: str = Query("")):
    return HTMLResponse(f"<figure><img src='/outputs/{job_id}'><figcaption>{caption}</figcaption></figure>")  #@vuln CWE-79


@app.post("/webhooks/encoder")
async def encoder_webhook(request: Request, x_signature: str = Header("")):
    body = await request.body()
    expected = hashlib.sha1(settings.WEBHOOK_SIGNING_SECRET.encode() + body).hexdigest()  #@vuln CWE-327|CWE-328
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(403, "bad signature")
    event = json.loads(body)
    jobs.mark_done(event["job_id"], event.get("output"), state=event.get("state", "done"))
    return {"ok": True}
