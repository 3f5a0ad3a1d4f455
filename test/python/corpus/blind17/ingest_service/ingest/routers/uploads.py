import os
import shutil
import uuid
from pathlib import Path

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile

from ingest.auth import current_claims, partner_claims
from ingest.services import archives, converters, xml_import
from ingest.settings import config

router = APIRouter()


@router.post("/archives")
async def upload_archive(file: UploadFile = File(...), claims: dict = Depends(current_claims)):
    job_id = uuid.uuid4().hex
    job_dir = Path(config.work_root) / job_id
    job_dir.mkdir(parents=True)
    archive_path = job_dir / os.path.basename(file.filename or "upload.bin")
    with open(archive_path, "wb") as fh:  #@safe
        shutil.copyfileobj(file.file, fh)
    name = archive_path.name.lower()
    if name.endswith(".zip"):
        members = archives.unpack_zip(str(archive_path), str(job_dir / "files"))
    elif name.endswith((".tar", ".tar.gz", ".tgz")):
        archives.unpack_tar(str(archive_path), str(job_dir / "files"))
        members = os.listdir(job_dir / "files")
    else:
        raise HTTPException(status_code=415, detail="unsupported archive")
    return {"job_id": job_id, "files": len(members)}


@router.post("/archives/flat")
async def upload_flat_archive(file: UploadFile = File(...), claims: dict = Depends(current_claims)):
    job_dir = Path(config.work_root) / uuid.uuid4().hex
    job_dir.mkdir(parents=True)
    archive_path = job_dir / "bundle.zip"
    archive_path.write_bytes(await file.read())
    return {"files": archives.copy_flat(str(archive_path), str(job_dir / "flat"))}


@router.post("/documents")
async def upload_document(file: UploadFile = File(...), claims: dict = Depends(current_claims)):
    dest = os.path.join(config.upload_root, claims["tenant"], file.filename)
    with open(dest, "wb") as fh:  #@vuln CWE-22
        fh.write(await file.read())
    mime = converters.detect_mime(dest)
    if mime in config.convertible_types:
        converters.convert_to_pdf(dest, os.path.dirname(dest))
    return {"stored": os.path.basename(dest), "mime": mime}


@router.post("/xml/catalog")
async def import_catalog(request: Request, claims: dict = Depends(current_claims)):
    items = xml_import.parse_catalog_feed(await request.body())
    return {"items": len(items)}


@router.post("/xml/prices")
async def import_prices(request: Request, claims: dict = Depends(current_claims)):
    return xml_import.parse_price_list(await request.body())


@router.post("/partner/orders")
async def partner_orders(file: UploadFile = File(...), claims: dict = Depends(partner_claims)):
    orders = xml_import.parse_partner_orders(file.file)
    return {"partner": claims["partner_id"], "orders": len(orders)}
