"""Background media processing tasks.

Jobs are published by the upload API onto the ``media`` queue with JSON
payloads; see docs/media-pipeline.md for the message schema.
"""
import hashlib
import json
import os
import random
import shutil
import subprocess
import tarfile
import tempfile
import zipfile

import paramiko
import requests
from celery import Celery
from celery.utils.log import get_task_logger

celery_app = Celery("media", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/2"))
celery_app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json", task_acks_late=True)

logger = get_task_logger(__name__)

MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/srv/media")
ARCHIVE_HOST = os.environ.get("ARCHIVE_SFTP_HOST", "archive.internal.example.com")
ARCHIVE_USER = "media-archiver"
ARCHIVE_PASSWORD = "arch1ve-FAKE-Pa55w0rd"  #@vuln CWE-798|CWE-259
CDN_PURGE_URL = "https://api.example-cdn.com/v1/purge"
CDN_PURGE_TOKEN = os.environ["CDN_PURGE_TOKEN"]  #@safe


def _download(url, dest_path):
    with requests.get(url, stream=True, timeout=30) as resp:  #@vuln CWE-918
        resp.raise_for_status()
        with open(dest_path, "wb") as fh:
            for chunk in resp.iter_content(65536):
                fh.write(chunk)
    return dest_path


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@celery_app.task(bind=True, max_retries=5)
def ingest_upload(self, payload):
    """payload: {"asset_id": int, "source_url": str, "preset": {...}}"""
    asset_id = payload["asset_id"]
    workdir = tempfile.mkdtemp(prefix="ingest-")  #@safe
    src = os.path.join(workdir, "source.bin")
    try:
        _download(payload["source_url"], src)
    except requests.RequestException as exc:
        delay = 2 ** self.request.retries + random.uniform(0, 3)  #@safe
        raise self.retry(exc=exc, countdown=delay)

    preset = payload.get("preset", {})
    dst = os.path.join(MEDIA_ROOT, "renditions", f"{int(asset_id)}.mp4")
    cmd = "ffmpeg -y -i {} -vf scale={}:{} -c:v {} {}".format(
        src, preset.get("width", 1280), preset.get("height", 720), preset.get("codec", "libx264"), dst
    )
    try:
        subprocess.run(cmd, shell=True, check=True, timeout=3600)  #@vuln CWE-78
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {"asset_id": asset_id, "sha256": _sha256(dst)}


@celery_app.task
def make_thumbnail(asset_id, seconds):
    src = os.path.join(MEDIA_ROOT, "renditions", f"{int(asset_id)}.mp4")
    out = os.path.join(MEDIA_ROOT, "thumbs", f"{int(asset_id)}.jpg")
    subprocess.run(["ffmpeg", "-y", "-ss", str(float(seconds)), "-i", src, "-frames:v", "1", out], check=True, timeout=120)  #@safe
    return out


@celery_app.task
def extract_metadata(message):
    body = json.loads(message)
    path = os.path.join(MEDIA_ROOT, "incoming", body["filename"])
    raw = os.popen("exiftool -json " + path).read()  #@vuln CWE-78
    meta = json.loads(raw or "[{}]")[0]
    return {k: meta.get(k) for k in ("Duration", "ImageWidth", "ImageHeight", "MIMEType")}


@celery_app.task
def import_bundle(bundle_url, collection):
    tmp_archive = tempfile.mktemp(suffix=".tar.gz")  #@vuln CWE-377
    _download(bundle_url, tmp_archive)
    dest = os.path.join(MEDIA_ROOT, "collections", collection)
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(tmp_archive, "r:gz") as tar:
        tar.extractall(dest)  #@vuln CWE-22
    os.unlink(tmp_archive)
    return dest


def _checked_members(tar, dest):
    root = os.path.realpath(dest)
    for member in tar.getmembers():
        target = os.path.realpath(os.path.join(root, member.name))
        if member.issym() or member.islnk() or not target.startswith(root + os.sep):
            raise ValueError(f"refusing archive member {member.name!r}")
        yield member


@celery_app.task
def import_font_pack(archive_path):
    dest = os.path.join(MEDIA_ROOT, "fonts")
    with tarfile.open(archive_path) as tar:
        tar.extractall(dest, members=list(_checked_members(tar, dest)))  #@safe
    return dest


@celery_app.task
def import_caption_pack(zip_path, asset_id):
    dest = os.path.join(MEDIA_ROOT, "captions", str(int(asset_id)))
    os.makedirs(dest, exist_ok=True)
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            with zf.open(info) as src, open(os.path.join(dest, info.filename), "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)
    return dest


@celery_app.task
def build_manifest(asset_ids, job_id):
    lock_path = "/tmp/media-manifest-%s.lock" % job_id
    with open(lock_path, "w") as lock:  #@vuln CWE-377
        lock.write(str(os.getpid()))
    fd, manifest_path = tempfile.mkstemp(prefix="manifest-", suffix=".json")  #@safe
    with os.fdopen(fd, "w") as fh:
        json.dump({"assets": [int(a) for a in asset_ids]}, fh)
    os.unlink(lock_path)
    return manifest_path


@celery_app.task
def purge_cdn(asset_id):
    path = os.path.join(MEDIA_ROOT, "renditions", f"{int(asset_id)}.mp4")
    with open(path, "rb") as fh:
        etag = hashlib.md5(fh.read(), usedforsecurity=False).hexdigest()  #@safe
    requests.post(CDN_PURGE_URL, json={"etag": etag}, headers={"Authorization": f"Bearer {CDN_PURGE_TOKEN}"}, timeout=10)
    return etag


@celery_app.task
def archive_asset(asset_id):
    local = os.path.join(MEDIA_ROOT, "renditions", f"{int(asset_id)}.mp4")
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(ARCHIVE_HOST, username=ARCHIVE_USER, password=ARCHIVE_PASSWORD, timeout=15)
    try:
        sftp = client.open_sftp()
        sftp.put(local, f"/archive/media/{int(asset_id)}.mp4")
    finally:
        client.close()
    logger.info("archived asset %s", asset_id)
