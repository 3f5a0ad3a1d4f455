from pathlib import Path

import yaml
from fastapi import APIRouter, File, Form, HTTPException, UploadFile

from ..services.fetch import fetch_asset, fetch_partner_feed, fetch_remote
from ..services.storage import DocumentStorage
from ..services.xml_parser import parse_import, parse_partner_feed
from ..settings import settings

router = APIRouter()
storage = DocumentStorage(settings.storage_root)


@router.post("/url")
async def import_from_url(url: str = Form(...)):
    content = await fetch_remote(url)
    docs = parse_import(content)
    return {"imported": len(docs), "slugs": [d["slug"] for d in docs]}


@router.post("/asset")
async def import_asset(url: str = Form(...), name: str = Form(...)):
    try:
        data = await fetch_asset(url)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc))
    path = storage.save(name, data)
    return {"path": str(path.relative_to(storage.root))}


@router.post("/bundle")
async def import_bundle(bundle: UploadFile = File(...)):
    tmp = storage.scratch_path(".bundle")
    with open(tmp, "wb") as fh:
        fh.write(await bundle.read())
    dest = storage.root / "bundles"
    if bundle.filename.endswith(".zip"):
        names = storage.extract_zip(tmp, dest)
    elif bundle.filename.endswith(".tgz"):
        names = storage.extract_tarball_filtered(tmp, dest)
    else:
        names = storage.extract_tarball(tmp, dest)
    Path(tmp).unlink(missing_ok=True)
    return {"files": names}


@router.post("/metadata")
async def import_metadata(meta: UploadFile = File(...)):
    raw = await meta.read()
    data = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
    return {"keys": sorted(data)}


@router.post("/metadata/v2")
async def import_metadata_v2(meta: UploadFile = File(...)):
    data = yaml.safe_load(await meta.read()) or {}  #@safe
    return {"keys": sorted(data)}


@router.get("/partner")
async def partner_feed():
    docs = parse_partner_feed(fetch_partner_feed())
    return {"count": len(docs)}
