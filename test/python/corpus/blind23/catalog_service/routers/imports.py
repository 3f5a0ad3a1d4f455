import csv
import io
import json
import os
import pickle
from urllib.parse import urlparse

import defusedxml.ElementTree as SafeET
import httpx
import yaml
from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from fastapi.responses import FileResponse, RedirectResponse
from lxml import etree

from catalog_service.clients.supplier_client import SupplierClient, fetch_remote_image
from catalog_service.deps import get_current_user, get_service_caller, require_admin, settings
from catalog_service.schemas import FeedImportRequest, PartnerNotify, PriceSheetRequest

router = APIRouter()
supplier = SupplierClient()

_xml_parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)


def _items_from_tree(root) -> list[dict]:
    return [{"sku": el.findtext("sku"), "name": el.findtext("name"), "price": el.findtext("price")} for el in root.iter("item")]


@router.post("/feed")
def import_feed(req: FeedImportRequest, user=Depends(get_current_user)):
    resp = httpx.get(req.url, timeout=20)  #@vuln CWE-918
    resp.raise_for_status()
    if req.format == "csv":
        return {"items": list(csv.DictReader(io.StringIO(resp.text)))}
    root = etree.fromstring(resp.content, _xml_parser)  #@vuln CWE-611
    return {"items": _items_from_tree(root)}


@router.post("/feed/partner")
def import_partner_feed(req: FeedImportRequest, user=Depends(get_current_user)):
    parsed = urlparse(req.url)
    if parsed.scheme != "https" or parsed.hostname not in settings.import_allowed_hosts:
        raise HTTPException(400, "feed host not allowed")
    resp = httpx.get(req.url, timeout=20, follow_redirects=False)  #@safe
    resp.raise_for_status()
    root = SafeET.fromstring(resp.content)  #@safe
    return {"items": _items_from_tree(root)}


@router.post("/price-sheet")
def import_price_sheet(req: PriceSheetRequest, admin=Depends(require_admin)):
    data = supplier.fetch_price_sheet(str(req.sheet_url))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    return {"supplier": req.supplier, "rows": len(rows)}


@router.post("/notify-partner")
def notify_partner(req: PartnerNotify, caller: str = Depends(get_service_caller)):
    return {"status": supplier.notify_partner(req.partner_host, {"skus": req.skus, "by": caller})}


@router.post("/images")
async def import_image(sku: str, url: str, user=Depends(get_current_user)):
    content = await fetch_remote_image(url)
    dest = os.path.join(settings.media_root, "products", f"{sku}.jpg")
    with open(dest, "wb") as fh:  #@vuln CWE-22
        fh.write(content)
    return {"stored": os.path.basename(dest), "bytes": len(content)}


@router.post("/upload")
async def upload_catalog(file: UploadFile = File(...), admin=Depends(require_admin)):
    data = await file.read()
    name = (file.filename or "").lower()
    if name.endswith(".pkl"):
        rows = pickle.loads(data)  #@vuln CWE-502
    elif name.endswith((".yaml", ".yml")):
        rows = yaml.load(data, Loader=yaml.Loader)  #@vuln CWE-502
    elif name.endswith(".json"):
        rows = json.loads(data)
    else:
        raise HTTPException(415, "unsupported catalog format")
    return {"rows": len(rows)}


@router.post("/mapping")
async def upload_mapping(file: UploadFile = File(...), admin=Depends(require_admin)):
    mapping = yaml.safe_load(await file.read())  #@safe
    return {"fields": sorted(mapping)}


@router.get("/media/{name:path}")
def media(name: str):
    return FileResponse(os.path.join(settings.media_root, name))  #@vuln CWE-22


@router.get("/thumbs/{name}")
def thumb(name: str):
    root = os.path.realpath(os.path.join(settings.media_root, "thumbs"))
    path = os.path.realpath(os.path.join(root, name))
    if not path.startswith(root + os.sep) or not os.path.isfile(path):
        raise HTTPException(404)
    return FileResponse(path)  #@safe


@router.get("/continue")
def continue_to(next: str = "/products"):
    return RedirectResponse(next, status_code=303)  #@vuln CWE-601


@router.get("/done")
def done(next: str = "/products"):
    target = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/products"
    return RedirectResponse(target, status_code=303)  #@safe
