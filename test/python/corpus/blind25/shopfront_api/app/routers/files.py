import shutil
from pathlib import Path
from uuid import uuid4

import boto3
import httpx
from fastapi import APIRouter, Depends, HTTPException, UploadFile, status
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from app.config import get_settings
from app.schemas import AssetImport
from app.security import get_tenant_id

router = APIRouter(prefix="/files", tags=["files"])
settings = get_settings()
s3 = boto3.client("s3", region_name=settings.aws_region)

MAX_IMPORT_BYTES = 15 * 1024 * 1024


def _tenant_dir(tenant_id: int) -> Path:
    path = Path(settings.upload_dir) / str(tenant_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


@router.post("/uploads", status_code=status.HTTP_201_CREATED)
async def upload_document(file: UploadFile, tenant_id: int = Depends(get_tenant_id)):
    dest = _tenant_dir(tenant_id) / file.filename
    with open(dest, "wb") as fh:  #@vuln CWE-22
        shutil.copyfileobj(file.file, fh)
    return {"name": file.filename, "size": dest.stat().st_size}


@router.get("/uploads/{name:path}")
async def download_document(name: str, tenant_id: int = Depends(get_tenant_id)):
    path = Path(settings.upload_dir) / str(tenant_id) / name
    if not path.exists():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such file")
    return FileResponse(path, filename=path.name)  #@vuln CWE-22


@router.get("/avatars/{name:path}")
async def avatar(name: str):
    base = (Path(settings.upload_dir) / "avatars").resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such avatar")
    return FileResponse(target, media_type="image/png")  #@safe


@router.post("/assets", status_code=status.HTTP_201_CREATED)
async def upload_asset(file: UploadFile, tenant_id: int = Depends(get_tenant_id)):
    suffix = Path(file.filename or "").suffix.lower()[:10]
    key = f"tenants/{tenant_id}/assets/{uuid4().hex}{suffix}"
    await run_in_threadpool(s3.upload_fileobj, file.file, settings.s3_bucket, key, ExtraArgs={"ContentType": file.content_type or "application/octet-stream"})
    url = s3.generate_presigned_url("get_object", Params={"Bucket": settings.s3_bucket, "Key": key}, ExpiresIn=3600)
    return {"key": key, "url": url}


@router.post("/assets/import", status_code=status.HTTP_201_CREATED)
async def import_asset(body: AssetImport, tenant_id: int = Depends(get_tenant_id)):
    """Merchants paste an image URL from their old shop and we copy it into S3."""
    async with httpx.AsyncClient(timeout=10.0, follow_redirects=True) as client:
        resp = await client.get(str(body.url))  #@vuln CWE-918
    if resp.status_code != 200 or len(resp.content) > MAX_IMPORT_BYTES:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, f"could not import: HTTP {resp.status_code}")
    key = f"tenants/{tenant_id}/assets/{uuid4().hex}"
    await run_in_threadpool(s3.put_object, Bucket=settings.s3_bucket, Key=key, Body=resp.content, ContentType=resp.headers.get("content-type", "application/octet-stream"))
    return {"key": key, "bytes": len(resp.content)}
