"""Document conversion service: routers, DI services and background conversions."""
import json
import logging
import os
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Literal, Optional
from urllib.parse import urlparse

import httpx
import jwt
import yaml
from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, File, Header, HTTPException, UploadFile
from pydantic import BaseModel, HttpUrl, field_validator
from pymongo import MongoClient

logger = logging.getLogger("docsvc")
MONGO_URI = "mongodb://docsvc:Sup3rS3cret-example@mongo.internal:27017/docs"  #@vuln CWE-798
TEMPLATE_HOSTS = {"templates.docsvc.example.com", "cdn.docsvc.example.com"}

class Settings:
    jwt_secret: str = os.environ["DOCSVC_JWT_SECRET"]  #@safe
    workdir: Path = Path(os.environ.get("DOCSVC_WORKDIR", "/srv/docsvc/work"))
    debug: bool = os.environ.get("DOCSVC_DEBUG") == "1"

settings = Settings()

class PreviewRequest(BaseModel):
    source_url: HttpUrl

class TemplateRef(BaseModel):
    url: str
    @field_validator("url")
    @classmethod
    def known_host(cls, v: str) -> str:
        parsed = urlparse(v)
        if parsed.scheme != "https" or parsed.hostname not in TEMPLATE_HOSTS:
            raise ValueError("template host not allowed")
        return v

class ConvertOptions(BaseModel):
    fmt: Literal["pdf", "docx", "odt", "html"] = "pdf"
class ConversionService:
    def __init__(self, workdir: Path):
        self.workdir = workdir

    def store_upload(self, upload: UploadFile, data: bytes) -> Path:
        dest = self.workdir / upload.filename
        dest.write_bytes(data)  #@vuln CWE-22
        return dest

    def convert(self, src: Path, fmt: str) -> None:
        cmd = f"soffice --headless --convert-to {fmt} --outdir {self.workdir} {src}"
        subprocess.run(cmd, shell=True, check=True, timeout=300)  #@vuln CWE-78

    def thumbnail(self, src: Path, size: int) -> None:
        subprocess.run(["convert", f"{src}[0]", "-thumbnail", f"{size}x{size}", str(src.with_suffix(".png"))], check=True)  #@safe

    def unpack_bundle(self, archive: Path, dest: Path) -> None:
        with zipfile.ZipFile(archive) as zf:
            for name in zf.namelist():
                target = os.path.join(dest, name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as fh:  #@vuln CWE-22
                    fh.write(zf.read(name))

    def unpack_fonts(self, archive: Path, dest: Path) -> None:
        root = dest.resolve()
        with zipfile.ZipFile(archive) as zf:
            for member in zf.infolist():
                target = (root / member.filename).resolve()
                if not target.is_relative_to(root):
                    raise HTTPException(400, "bad archive entry")
                zf.extract(member, root)  #@safe

class DocumentRepo:
    def __init__(self, client: MongoClient):
        self.col = client.get_default_database()["documents"]

    def find(self, criteria: dict) -> list:
        return list(self.col.find(criteria, {"_id": 0}).limit(100))  #@vuln CWE-943

    def get(self, doc_id: str, owner: str) -> Optional[dict]:
        return self.col.find_one({"doc_id": str(doc_id), "owner": str(owner)}, {"_id": 0})  #@safe

def get_conversion() -> ConversionService:
    return ConversionService(settings.workdir)

def get_repo() -> DocumentRepo:
    return DocumentRepo(MongoClient(MONGO_URI))

def current_user(authorization: str = Header(...)) -> dict:
    token = authorization.removeprefix("Bearer ").strip()
    try:
        return jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(401, "invalid token") from exc

router = APIRouter(prefix="/v1/documents")

@router.post("/convert")
async def convert(background: BackgroundTasks, file: UploadFile = File(...), opts: ConvertOptions = Depends(),
                  svc: ConversionService = Depends(get_conversion), user: dict = Depends(current_user)):
    src = svc.store_upload(file, await file.read())
    background.add_task(svc.convert, src, opts.fmt)
    background.add_task(svc.thumbnail, src, 256)
    return {"queued": src.name}

@router.post("/preview")
async def preview(req: PreviewRequest, user: dict = Depends(current_user)):
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.get(str(req.source_url))  #@vuln CWE-918
    return {"status": resp.status_code, "length": len(resp.content)}

@router.post("/templates/import")
def import_template(ref: TemplateRef, user: dict = Depends(current_user)):
    resp = httpx.get(ref.url, timeout=10)  #@safe
    with tempfile.NamedTemporaryFile(suffix=".ott", delete=False) as fh:  #@safe
        fh.write(resp.content)
    return {"stored": fh.name}

@router.post("/profiles")
async def upload_profile(file: UploadFile = File(...), user: dict = Depends(current_user)):
    raw = await file.read()
    if file.filename.endswith(".legacy.yml"):
        profile = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
    else:
        profile = yaml.safe_load(raw)  #@safe
    return {"keys": sorted(profile or {})}

@router.post("/bundles")
async def upload_bundle(kind: str = "template", file: UploadFile = File(...),
                        svc: ConversionService = Depends(get_conversion), user: dict = Depends(current_user)):
    archive = tempfile.mktemp(suffix=".zip")  #@vuln CWE-377
    with open(archive, "wb") as fh:
        fh.write(await file.read())
    logger.info("unpacking %s bundle for %s", kind, user["sub"])
    if kind == "fonts":
        svc.unpack_fonts(Path(archive), settings.workdir / "fonts")
    else:
        svc.unpack_bundle(Path(archive), settings.workdir / "bundles" / user["sub"])
    return {"kind": kind}

@router.get("/search")
def search(q: str = "", filter: Optional[str] = None, repo: DocumentRepo = Depends(get_repo),
           user: dict = Depends(current_user)):
    criteria = {"owner": user["sub"], "title": {"$regex": q}}
    if filter:
        criteria.update(json.loads(filter))
    return repo.find(criteria)

@router.post("/partners/callback")
def partner_callback(payload: dict, x_partner_token: str = Header(...), repo: DocumentRepo = Depends(get_repo)):
    claims = jwt.decode(x_partner_token, options={"verify_signature": False})  #@vuln CWE-347
    return repo.get(payload.get("doc_id", ""), claims["partner_id"])

app = FastAPI(title="docsvc", debug=settings.debug)  #@safe
app.include_router(router)
