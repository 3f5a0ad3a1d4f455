"""media-worker: Sanic service that ingests media bundles, renders thumbnails and serves assets."""
import asyncio
import io
import logging
import os
import random
import secrets
import string
import tarfile
import tempfile
import zipfile
from urllib.parse import urlparse

import aiohttp
from sanic import Sanic, response
from sanic.exceptions import BadRequest, NotFound

app = Sanic("media_worker")
log = logging.getLogger("media_worker")

MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/srv/media")
INCOMING = os.path.join(MEDIA_ROOT, "incoming")
BUNDLES = os.path.join(MEDIA_ROOT, "bundles")
TRUSTED_CDNS = ("cdn.example-media.net", "uploads.example-media.net")
TOKEN_CHARS = string.ascii_letters + string.digits


def contained_path(root, name):
    root = os.path.realpath(root)
    target = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, target]) != root:
        raise BadRequest(f"illegal path: {name}")
    return target


def download_token():
    return "".join(random.choices(TOKEN_CHARS, k=24))  #@vuln CWE-338|CWE-330


async def fetch_remote(session, url):
    async with session.get(url, timeout=aiohttp.ClientTimeout(total=20)) as resp:  #@vuln CWE-918
        resp.raise_for_status()
        return await resp.read()


async def fetch_from_cdn(session, url):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in TRUSTED_CDNS:
        raise BadRequest("source must be hosted on a trusted CDN")
    async with session.get(url, timeout=aiohttp.ClientTimeout(total=20)) as resp:  #@safe
        resp.raise_for_status()
        return await resp.read()


@app.post("/bundles/import")
async def import_bundle(request):
    source = (request.json or {}).get("source_url")
    if not source:
        raise BadRequest("source_url is required")
    async with aiohttp.ClientSession() as session:
        data = await fetch_remote(session, source)
    tmp_path = tempfile.mktemp(suffix=".tar.gz", dir=INCOMING)  #@vuln CWE-377
    with open(tmp_path, "wb") as fh:
        fh.write(data)
    dest = os.path.join(BUNDLES, secrets.token_hex(8))  #@safe
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(tmp_path, "r:gz") as tar:
        tar.extractall(dest)  #@vuln CWE-22
    os.unlink(tmp_path)
    return response.json({"bundle": os.path.basename(dest), "token": download_token()})


@app.post("/bundles/import-cdn")
async def import_cdn_bundle(request):
    source = (request.json or {}).get("source_url", "")
    async with aiohttp.ClientSession() as session:
        data = await fetch_from_cdn(session, source)
    fd, tmp_path = tempfile.mkstemp(suffix=".tar.gz", dir=INCOMING)  #@safe
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    dest = os.path.join(BUNDLES, secrets.token_hex(8))
    os.makedirs(dest, exist_ok=True)
    try:
        with tarfile.open(tmp_path, "r:gz") as tar:
            tar.extractall(dest, filter="data")  #@safe
    finally:
        os.unlink(tmp_path)
    return response.json({"bundle": os.path.basename(dest)})


@app.post("/bundles/upload")
async def upload_bundle(request):
    upload = request.files.get("archive")
    if upload is None:
        raise BadRequest("archive file is required")
    workdir = os.path.join(BUNDLES, secrets.token_hex(8))
    os.makedirs(workdir)
    with zipfile.ZipFile(io.BytesIO(upload.body)) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = os.path.join(workdir, info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:  #@vuln CWE-22
                out.write(zf.read(info))
    return response.json({"bundle": os.path.basename(workdir)}, status=201)


@app.post("/fonts/upload")
async def upload_fonts(request):
    upload = request.files.get("archive")
    if upload is None:
        raise BadRequest("archive file is required")
    font_dir = os.path.join(MEDIA_ROOT, "fonts")
    written = []
    with zipfile.ZipFile(io.BytesIO(upload.body)) as zf:
        for info in zf.infolist():
            if info.is_dir() or not info.filename.lower().endswith((".woff2", ".ttf")):
                continue
            target = contained_path(font_dir, info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:  #@safe
                out.write(zf.read(info))
            written.append(info.filename)
    return response.json({"fonts": written}, status=201)


@app.post("/thumbnails")
async def make_thumbnail(request):
    body = request.json or {}
    src = os.path.join(BUNDLES, body.get("asset", ""))
    offset = body.get("offset", "00:00:01")
    out = src + ".jpg"
    proc = await asyncio.create_subprocess_shell(  #@vuln CWE-78
        f"ffmpeg -y -ss {offset} -i '{src}' -frames:v 1 '{out}'", stderr=asyncio.subprocess.PIPE
    )
    _, err = await proc.communicate()
    if proc.returncode != 0:
        log.warning("ffmpeg failed: %s", err.decode(errors="replace")[-400:])
        return response.json({"error": "thumbnail failed"}, status=422)
    return response.json({"thumbnail": os.path.relpath(out, BUNDLES)})


@app.get("/probe")
async def probe(request):
    src = contained_path(BUNDLES, request.args.get("asset", ""))
    proc = await asyncio.create_subprocess_exec(  #@safe
        "ffprobe", "-v", "error", "-show_format", "-of", "json", src,
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await proc.communicate()
    return response.raw(out, content_type="application/json")


@app.get("/assets")
async def serve_asset(request):
    rel = request.args.get("path", "")
    return await response.file(os.path.join(BUNDLES, rel))  #@vuln CWE-22


@app.get("/public/<name>")
async def serve_public(request, name):
    path = contained_path(os.path.join(MEDIA_ROOT, "public"), name)
    if not os.path.isfile(path):
        raise NotFound("no such asset")
    return await response.file(path)  #@safe


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")), debug=True)  #@vuln CWE-489|CWE-215
