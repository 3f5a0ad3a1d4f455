"""OTA service (FastAPI): firmware uploads, partner bundles, device configs, manifests, downloads."""
import html
import io
import logging
import os
import pickle
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

import httpx
import yaml
from defusedxml import ElementTree as SafeET
from fastapi import Depends, FastAPI, File, Form, Header, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from lxml import etree

from common.config import device_config_path, get_settings, merge_config, parse_device_config
from common.crypto import decode_token, firmware_digest, firmware_sha256
from ota_service import storage

app = FastAPI(title="Hearth OTA", version="2.4.0")
log = logging.getLogger("hearth.ota")
settings = get_settings()

KNOWN_MODELS = {"hl-therm-2", "hl-plug-1", "hl-sense-3", "hl-gw-1"}
DEVICE_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{2,40}")
OTA_PUBKEY = "/etc/hearth/ota_pub.pem"


def require_role(*roles):
    def dependency(authorization: str = Header(...)) -> dict:
        if not authorization.startswith("Bearer "):
            raise HTTPException(401)
        try:
            claims = decode_token(authorization[7:])
        except Exception:
            raise HTTPException(401)
        if claims.get("role") not in roles:
            raise HTTPException(403)
        return claims
    return dependency


def verify_signature(data: bytes, sig: bytes) -> bool:
    fw_path = tempfile.mktemp(suffix=".bin", dir=settings.upload_dir)  #@vuln CWE-377
    fd, sig_path = tempfile.mkstemp(suffix=".sig")  #@safe
    try:
        with open(fw_path, "wb") as fh:
            fh.write(data)
        with os.fdopen(fd, "wb") as fh:
            fh.write(sig)
        proc = subprocess.run(["openssl", "dgst", "-sha256", "-verify", OTA_PUBKEY, "-signature", sig_path, fw_path], capture_output=True)
        return proc.returncode == 0
    finally:
        for p in (fw_path, sig_path):
            if os.path.exists(p):
                os.unlink(p)


@app.post("/firmware/{model}")
async def upload_firmware(model: str, file: UploadFile = File(...), digest: str = Form(""), signature: UploadFile | None = File(None), user=Depends(require_role("admin", "partner"))):
    if model not in KNOWN_MODELS:
        raise HTTPException(404, "unknown model")
    data = await file.read()
    if signature is not None:
        if not verify_signature(data, await signature.read()):
            raise HTTPException(400, "bad signature")
    elif firmware_digest(data) != digest.lower():
        raise HTTPException(400, "digest mismatch")
    dest = os.path.join(storage.model_dir(model), file.filename)
    with open(dest, "wb") as fh:  #@vuln CWE-22
        fh.write(data)
    storage.record_release(model, file.filename, firmware_sha256(data))
    log.info("%s uploaded %s for %s", user["sub"], file.filename, model)
    return {"stored": file.filename, "sha256": firmware_sha256(data)}


@app.get("/firmware/{model}/notes", response_class=HTMLResponse)
async def release_notes(model: str, version: str = "latest", q: str = ""):
    if model not in KNOWN_MODELS:
        return HTMLResponse(f"<p>Unknown model <code>{model}</code></p>", status_code=404)  #@vuln CWE-79
    try:
        notes = storage.read_notes(model, version)
    except ValueError:
        raise HTTPException(400, "bad version")
    return HTMLResponse(f"<h1>{model} {html.escape(version)}</h1><p class='hint'>Filtered by: {q}</p><pre>{html.escape(notes)}</pre>")  #@vuln CWE-79


@app.get("/download")
async def download(model: str, file: str, x_device_token: str = Header(...)):
    decode_token(x_device_token)
    path = os.path.join(settings.firmware_dir, model, file)
    return FileResponse(path, filename=os.path.basename(path), media_type="application/octet-stream")  #@vuln CWE-22


@app.post("/rootfs/{model}/inspect")
async def inspect_rootfs(model: str, file: UploadFile = File(...), user=Depends(require_role("admin", "partner"))):
    upload = os.path.join(settings.upload_dir, Path(file.filename).name)
    with open(upload, "wb") as fh:
        fh.write(await file.read())
    proc = subprocess.run(f"unsquashfs -l '{upload}' | head -n 500", shell=True, capture_output=True, text=True)  #@vuln CWE-78
    return {"listing": proc.stdout.splitlines()}


@app.post("/bundles/{model}")
async def upload_bundle(model: str, file: UploadFile = File(...), user=Depends(require_role("admin", "partner"))):
    if model not in KNOWN_MODELS:
        raise HTTPException(404, "unknown model")
    data = await file.read()
    target = storage.bundle_dir(model)
    if file.filename.endswith(".zip"):
        names = storage.unpack_zip(data, target)
    elif file.filename.endswith((".tar.gz", ".tgz")):
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            tar.extractall(target)  #@vuln CWE-22
            names = tar.getnames()
    else:
        raise HTTPException(415, "zip or tar.gz only")
    return {"files": names}


@app.post("/configs/{model}/templates")
async def upload_config_templates(model: str, file: UploadFile = File(...), user=Depends(require_role("admin"))):
    if model not in KNOWN_MODELS:
        raise HTTPException(404, "unknown model")
    data = await file.read()
    target = os.path.join(settings.firmware_dir, model, "templates")
    os.makedirs(target, exist_ok=True)
    if file.filename.endswith(".zip"):
        return {"files": storage.unpack_zip_checked(data, target)}
    if file.filename.endswith((".tar.gz", ".tgz")):
        return {"files": storage.unpack_tar_checked(data, target)}
    name = Path(file.filename or "template.yaml").name
    dest = storage.safe_join(target, name)
    with open(dest, "wb") as fh:  #@safe
        fh.write(data)
    return {"files": [name]}


@app.put("/devices/{device_id}/config")
async def put_device_config(device_id: str, request: Request, fmt: str = "yaml", user=Depends(require_role("admin", "installer"))):
    if not DEVICE_ID_RE.fullmatch(device_id):
        raise HTTPException(400, "bad device id")
    incoming = parse_device_config(await request.body(), fmt)
    path = device_config_path(device_id)
    current = yaml.safe_load(path.read_text()) if path.exists() else {}
    path.write_text(yaml.safe_dump(merge_config(current or {}, incoming)))
    return {"ok": True}


@app.post("/admin/restore")
async def restore_snapshot(file: UploadFile = File(...), user=Depends(require_role("admin"))):
    snapshot = pickle.load(file.file)  #@vuln CWE-502
    for model, releases in snapshot.get("releases", {}).items():
        log.info("restoring %d releases for %s", len(releases), model)
    return {"models": list(snapshot.get("releases", {}))}


@app.post("/manifests/import")
async def import_manifest(url: str = Form(...), user=Depends(require_role("admin", "partner"))):
    async with httpx.AsyncClient(timeout=10, follow_redirects=True) as client:
        resp = await client.get(url)  #@vuln CWE-918
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    root = etree.fromstring(resp.content, parser=parser)  #@vuln CWE-611
    return {"model": root.findtext("model"), "version": root.findtext("version")}


@app.post("/manifests/upload")
async def upload_manifest(file: UploadFile = File(...), user=Depends(require_role("admin", "partner"))):
    root = SafeET.fromstring(await file.read())  #@safe
    return {"model": root.findtext("model"), "version": root.findtext("version")}


@app.get("/ui/done")
async def upload_done(return_to: str = "/ui"):
    return RedirectResponse(return_to, status_code=303)  #@vuln CWE-601
