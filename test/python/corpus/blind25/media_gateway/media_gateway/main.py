import base64
import json
import os
import pickle
import subprocess
import time
from urllib.parse import urlparse
from uuid import uuid4

import httpx
from fastapi import Cookie, Depends, FastAPI, File, Header, HTTPException, Query, UploadFile, status
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from markupsafe import escape

from media_gateway import storage

app = FastAPI(title="media-gateway")
API_KEYS: dict[str, str] = json.loads(os.environ.get("MEDIA_API_KEYS", "{}"))  # api key -> tenant slug
CDN_HOSTS = {"cdn.shop.example.com", "images.partner-cdn.net"}


def tenant_from_key(x_api_key: str = Header(...)) -> str:
    tenant = API_KEYS.get(x_api_key)
    if tenant is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown api key")
    return tenant


@app.post("/upload")
async def upload(file: UploadFile = File(...), tenant: str = Depends(tenant_from_key)):
    data = await file.read()
    path = storage.save_upload(tenant, file.filename, data)
    return {"path": path.name, "etag": storage.etag_for(data), "s3_key": storage.push_to_s3(tenant, path)}


@app.post("/bundles")
async def upload_bundle(file: UploadFile = File(...), tenant: str = Depends(tenant_from_key)):
    archive = storage.save_upload(tenant, f"bundle-{uuid4().hex}.zip", await file.read())
    return {"files": storage.extract_bundle(tenant, archive)}


@app.get("/files/{relative:path}")
async def get_file(relative: str, tenant: str = Depends(tenant_from_key)):
    try:
        data = storage.read_media(tenant, relative)
    except (PermissionError, FileNotFoundError):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
    return Response(data, headers={"ETag": storage.etag_for(data)})


@app.get("/raw")
async def raw(path: str, tenant: str = Depends(tenant_from_key)):
    return FileResponse(storage.MEDIA_ROOT / tenant / path)  #@vuln CWE-22


@app.post("/fetch")
async def fetch_remote(url: str = Query(...), tenant: str = Depends(tenant_from_key)):
    async with httpx.AsyncClient(timeout=10.0, follow_redirects=True) as client:
        resp = await client.get(url)  #@vuln CWE-918
    path = storage.save_upload(tenant, f"remote-{uuid4().hex}", resp.content)
    return {"path": path.name, "status": resp.status_code}


@app.post("/fetch-cdn")
async def fetch_cdn(url: str = Query(...), tenant: str = Depends(tenant_from_key)):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in CDN_HOSTS:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "only CDN URLs are accepted")
    async with httpx.AsyncClient(timeout=10.0, follow_redirects=False) as client:
        resp = await client.get(url)  #@safe
    path = storage.save_upload(tenant, f"cdn-{uuid4().hex}", resp.content)
    return {"path": path.name}


@app.get("/thumb")
async def thumb(path: str, width: int = Query(320, ge=16, le=2048), tenant: str = Depends(tenant_from_key)):
    src = storage.resolve_media_path(tenant, path)
    out = src.with_name(f"{src.stem}_{width}.webp")
    subprocess.run(["cwebp", "-quiet", "-resize", str(width), "0", str(src), "-o", str(out)], check=True, timeout=60)  #@safe
    return FileResponse(out, media_type="image/webp")


@app.get("/frame")
async def frame(path: str, at: str = "00:00:01", tenant: str = Depends(tenant_from_key)):
    src = storage.resolve_media_path(tenant, path)
    jpeg = subprocess.check_output(f"ffmpeg -loglevel error -ss {at} -i '{src}' -frames:v 1 -f image2 -", shell=True, timeout=60)  #@vuln CWE-78
    return Response(jpeg, media_type="image/jpeg")


@app.get("/embed", response_class=HTMLResponse)
async def embed(path: str, caption: str = ""):
    return HTMLResponse(f"<figure><img src='/files/{escape(path)}'><figcaption>{escape(caption)}</figcaption></figure>")  #@safe


@app.get("/gallery", response_class=HTMLResponse)
async def gallery(title: str = "Gallery", tenant: str = Depends(tenant_from_key)):
    names = sorted(p.name for p in storage.tenant_root(tenant).glob("*.webp"))[:100]
    tiles = "".join(f"<img src='/files/{escape(n)}' loading='lazy'>" for n in names)
    return HTMLResponse(f"<html><head><title>{escape(title)}</title></head><body><h1>{title}</h1>{tiles}</body></html>")  #@vuln CWE-79


@app.get("/share/{token}")
async def share(token: str, filename: str = "file"):
    try:
        tenant, relative, expires = storage.open_share_token(token).decode().split("|")
    except Exception:
        return HTMLResponse(f"<h1>Link invalid</h1><p>The link for <b>{filename}</b> is broken or was revoked.</p>", status_code=404)  #@vuln CWE-79
    if int(expires) < time.time():
        raise HTTPException(status.HTTP_410_GONE, "link expired")
    return FileResponse(storage.resolve_media_path(tenant, relative), filename=os.path.basename(relative))


@app.get("/done")
async def upload_done(next: str = "/gallery"):
    return RedirectResponse(next, status_code=status.HTTP_303_SEE_OTHER)  #@vuln CWE-601


@app.get("/preferences")
async def preferences(media_prefs: str | None = Cookie(default=None)):
    prefs = pickle.loads(base64.b64decode(media_prefs)) if media_prefs else {"grid": True, "page_size": 50}  #@vuln CWE-502
    return {"preferences": prefs}
