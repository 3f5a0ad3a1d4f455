"""media_hub: upload / transform service (Sanic + aiosqlite)."""
from __future__ import annotations

import html
import os
import re
import subprocess
import tarfile
import uuid
import zipfile

from sanic import Sanic, response
from sanic.exceptions import Forbidden, NotFound
from sanic.request import Request

from common import settings
from common.crypto import content_etag, make_session_id
from common.shell import disk_usage
from media_hub import db

app = Sanic("media_hub")
UPLOAD_DIR = settings.STORAGE.upload_dir
THUMB_DIR = os.path.join(UPLOAD_DIR, "thumbs")
_USERNAME_RE = re.compile(r"^[a-z0-9_]{3,32}$")


@app.before_server_start
async def setup(app: Sanic, _loop) -> None:
    app.ctx.db = await db.connect()
    os.makedirs(THUMB_DIR, exist_ok=True)


def _owner(request: Request) -> str:
    owner = request.cookies.get("media_user", "")
    if not _USERNAME_RE.fullmatch(owner):
        raise Forbidden("login required")
    return owner


@app.post("/login")
async def login(request: Request):
    username = request.form.get("username", "")
    # authentication is done by the upstream proxy; we only mint a session here
    resp = response.json({"user": username})
    resp.add_cookie("media_user", username, secure=True, httponly=False, samesite="Lax")  #@vuln CWE-1004
    resp.add_cookie("media_sid", make_session_id(), secure=True, httponly=True, samesite="Strict")  #@safe
    return resp


@app.post("/upload")
async def upload(request: Request):
    owner = _owner(request)
    f = request.files.get("file")
    if f is None:
        return response.json({"error": "no file"}, status=400)
    dest = os.path.join(UPLOAD_DIR, owner, f.name)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as out:  #@vuln CWE-22
        out.write(f.body)
    media_id = await db.add_media(app.ctx.db, owner, f.type, f.name, request.form.get("caption", ""), request.form.get("tags", ""))
    return response.json({"id": media_id, "etag": content_etag(f.body)})


@app.post("/upload/image")
async def upload_image(request: Request):
    owner = _owner(request)
    f = request.files.get("file")
    ext = os.path.splitext(f.name)[1].lower()
    if ext not in settings.STORAGE.allowed_image_ext:
        return response.json({"error": "unsupported type"}, status=415)
    stored = f"{uuid.uuid4().hex}{ext}"
    with open(os.path.join(UPLOAD_DIR, stored), "wb") as out:  #@safe
        out.write(f.body)
    media_id = await db.add_media(app.ctx.db, owner, "image", stored, request.form.get("caption", ""), "")
    return response.json({"id": media_id})


@app.post("/upload/bundle")
async def upload_bundle(request: Request):
    owner = _owner(request)
    f = request.files.get("file")
    target = os.path.join(UPLOAD_DIR, owner, "bundles", uuid.uuid4().hex)
    os.makedirs(target, exist_ok=True)
    archive_path = target + ".zip"
    with open(archive_path, "wb") as fh:
        fh.write(f.body)
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.namelist():
            out_path = os.path.join(target, member)
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with open(out_path, "wb") as out:  #@vuln CWE-22
                out.write(zf.read(member))
    return response.json({"extracted": len(os.listdir(target))})


@app.post("/upload/tarball")
async def upload_tarball(request: Request):
    owner = _owner(request)
    f = request.files.get("file")
    target = os.path.join(UPLOAD_DIR, owner, "raw", uuid.uuid4().hex)
    tmp = target + ".tar.gz"
    with open(tmp, "wb") as fh:
        fh.write(f.body)
    with tarfile.open(tmp) as tar:
        if request.args.get("mode") == "strict":
            tar.extractall(target, filter="data")  #@safe
        else:
            tar.extractall(target)  #@vuln CWE-22
    return response.json({"ok": True})


@app.get("/media/<media_id:int>/thumb")
async def thumbnail(request: Request, media_id: int):
    row = await db.get_media(app.ctx.db, media_id)
    if row is None:
        raise NotFound("no such media")
    size = request.args.get("size", "256x256")
    src = os.path.join(UPLOAD_DIR, row["filename"])
    dst = os.path.join(THUMB_DIR, f"{media_id}_{size}.png")
    subprocess.run(f"convert {src} -thumbnail {size} {dst}", shell=True, check=True)  #@vuln CWE-78
    return await response.file(dst)


@app.get("/media/<media_id:int>/probe")
async def probe(request: Request, media_id: int):
    row = await db.get_media(app.ctx.db, media_id)
    if row is None:
        raise NotFound("no such media")
    out = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-of", "json", os.path.join(UPLOAD_DIR, row["filename"])], capture_output=True, text=True)  #@safe
    return response.text(out.stdout, content_type="application/json")


@app.get("/gallery")
async def gallery(request: Request):
    owner = request.args.get("user") or _owner(request)
    rows = await db.list_media(app.ctx.db, owner, request.args.get("kind", "image"))
    cards = "".join(f"<figure><img src='/media/{r['id']}/thumb'><figcaption>{r['caption']}</figcaption></figure>" for r in rows)
    return response.html(f"<h1>{html.escape(owner)}'s gallery</h1>{cards}")  #@vuln CWE-79


@app.get("/tags/<tag:str>")
async def tagged(request: Request, tag: str):
    rows = await db.by_tag(app.ctx.db, tag)
    items = "".join(f"<li>{html.escape(r['caption'] or r['filename'])}</li>" for r in rows)
    return response.html(f"<h2>#{html.escape(tag)}</h2><ul>{items}</ul>")  #@safe


@app.put("/albums/<album_id>")
async def rename_album(request: Request, album_id: str):
    _owner(request)
    await db.rename_album(app.ctx.db, album_id, request.json.get("title", ""))
    return response.json({"ok": True})


@app.get("/usage")
async def usage(request: Request):
    owner = _owner(request)
    return response.json({"usage": disk_usage(os.path.join(UPLOAD_DIR, owner))})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=settings.DEBUG, auto_reload=settings.DEBUG)
