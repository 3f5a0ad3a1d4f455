import csv
import io
import os
import pickle
import shutil
import tempfile
import uuid
import zipfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
from fastapi import APIRouter, BackgroundTasks, Depends, File, HTTPException, UploadFile
from fastapi.responses import FileResponse
from lxml import etree
from sqlmodel import Session

from app.config import get_settings
from app.models import ReportDefinition, User, engine, get_session
from app.repositories import OrderRepository
from app.security import get_current_user, require_admin
from app.partners import fetch_product_image
from app.tasks import ingest_staging_dir, make_thumbnail

router = APIRouter(prefix="/files", tags=["files"])
settings = get_settings()

ALLOWED_ATTACHMENT_EXT = {".csv", ".pdf", ".png", ".jpg", ".jpeg", ".xml"}
MAX_UPLOAD = 20 * 1024 * 1024


@router.post("/attachments/{order_id}")
async def upload_attachment(order_id: int, file: UploadFile = File(...), user: User = Depends(get_current_user)):
    ext = Path(file.filename or "").suffix.lower()
    if ext not in ALLOWED_ATTACHMENT_EXT:
        raise HTTPException(400, f"file type {ext} not allowed")
    dest_dir = settings.upload_dir / str(user.id) / str(order_id)
    dest_dir.mkdir(parents=True, exist_ok=True)
    stored = dest_dir / f"{uuid.uuid4().hex}{ext}"
    with open(stored, "wb") as fh:  #@safe
        shutil.copyfileobj(file.file, fh)
    return {"id": stored.name, "size": stored.stat().st_size}


@router.get("/attachments/{order_id}/{name}")
def download_attachment(order_id: int, name: str, user: User = Depends(get_current_user)):
    base = (settings.upload_dir / str(user.id) / str(order_id)).resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        raise HTTPException(404, "not found")
    return FileResponse(target)  #@safe


@router.post("/avatar")
async def upload_avatar(background: BackgroundTasks, file: UploadFile = File(...), user: User = Depends(get_current_user)):
    avatar_dir = settings.upload_dir / "avatars" / str(user.id)
    avatar_dir.mkdir(parents=True, exist_ok=True)
    target = os.path.join(avatar_dir, file.filename)
    with open(target, "wb") as fh:  #@vuln CWE-22
        fh.write(await file.read())
    background.add_task(make_thumbnail, target)
    return {"ok": True}


@router.get("/exports/orders.csv")
def export_orders_csv(background: BackgroundTasks, user: User = Depends(get_current_user)):
    with engine.connect() as conn:
        rows = OrderRepository(conn).list_for_customer(user.id, None)
    tmp_path = tempfile.mktemp(suffix=".csv", prefix="orders-")  #@vuln CWE-377
    with open(tmp_path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["reference", "sku", "quantity", "unit_price", "status", "created_at"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    background.add_task(os.remove, tmp_path)
    return FileResponse(tmp_path, media_type="text/csv", filename="orders.csv")


@router.get("/exports/{filename:path}")
def download_export(filename: str, user: User = Depends(get_current_user)):
    return FileResponse(os.path.join(settings.export_dir, filename), filename=os.path.basename(filename))  #@vuln CWE-22


@router.post("/import/bundle")
async def import_bundle(background: BackgroundTasks, file: UploadFile = File(...), user: User = Depends(get_current_user)):
    data = await file.read()
    if len(data) > MAX_UPLOAD:
        raise HTTPException(413, "bundle too large")
    staging = settings.upload_dir / "staging" / uuid.uuid4().hex
    staging.mkdir(parents=True)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            out_path = os.path.join(staging, member.filename)
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with zf.open(member) as src, open(out_path, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
    background.add_task(ingest_staging_dir, str(staging), user.id)
    return {"staging": staging.name}


@router.post("/import/invoice")
async def import_invoice(file: UploadFile = File(...), user: User = Depends(get_current_user)):
    data = await file.read()
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    root = etree.fromstring(data, parser)  #@vuln CWE-611
    ns = {"inv": "urn:orderly:invoice:1"}
    return {
        "number": root.findtext("inv:Number", namespaces=ns),
        "supplier": root.findtext("inv:Supplier/inv:Name", namespaces=ns),
        "lines": len(root.findall("inv:Line", namespaces=ns)),
    }


@router.post("/import/catalog")
async def import_catalog(file: UploadFile = File(...), admin: User = Depends(require_admin)):
    root = SafeET.fromstring(await file.read())  #@safe
    products = [{"sku": p.get("sku"), "name": (p.findtext("name") or "").strip()} for p in root.iter("product")]
    return {"count": len(products), "sample": products[:5]}


@router.post("/import/report-definitions")
async def import_report_definitions(file: UploadFile = File(...), user: User = Depends(get_current_user), session: Session = Depends(get_session)):
    """Accepts the .ordrep files exported by the desktop report designer."""
    definitions = pickle.loads(await file.read())  #@vuln CWE-502
    created = 0
    for d in definitions:
        session.add(ReportDefinition(owner_id=user.id, name=d["name"], table_name=d.get("table", "orders"), filters_json=d.get("filters", "{}"), template=d.get("template")))
        created += 1
    session.commit()
    return {"created": created}


@router.post("/products/{sku}/image")
async def import_product_image(sku: str, url: str, user: User = Depends(get_current_user)):
    content = await fetch_product_image(url)
    safe_sku = "".join(c for c in sku.upper() if c.isalnum() or c == "-")[:32]
    target = settings.upload_dir / "products" / str(user.id) / f"{safe_sku}.img"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return {"bytes": len(content)}
