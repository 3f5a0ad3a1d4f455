"""Insurance claims intake service (FastAPI)."""
import base64
import pickle
import subprocess
from enum import Enum
from uuid import UUID

import jwt
import yaml
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from pydantic import BaseModel, validator
from sqlalchemy import create_engine, text

from .settings import settings

engine = create_engine(settings.database_url)
app = FastAPI(title="claims-intake")

JWT_SECRET = settings.jwt_secret


class ClaimStatus(str, Enum):
    open = "open"
    review = "review"
    settled = "settled"


class ClaimFilter(BaseModel):
    region: str

    @validator("region")
    def region_code(cls, v):
        if v not in {"north", "south", "east", "west"}:
            raise ValueError("unknown region")
        return v


def current_adjuster(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ")
    claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"])  #@safe
    return claims["sub"]


def peek_adjuster(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return claims.get("sub")


@app.get("/claims/by-status/{status}")
def claims_by_status(status: ClaimStatus, adjuster=Depends(current_adjuster)):
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id, amount FROM claims WHERE status = '{status.value}'"))  #@safe
        return [dict(r._mapping) for r in rows]


@app.get("/claims/{claim_id}")
def get_claim(claim_id: UUID):
    with engine.connect() as conn:
        row = conn.execute(text(f"SELECT * FROM claims WHERE id = '{claim_id}'")).first()  #@safe
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)


@app.get("/claims")
def search_claims(policy: str = Query(""), adjuster=Depends(peek_adjuster)):
    with engine.connect() as conn:
        stmt = text("SELECT id, amount FROM claims WHERE policy_no LIKE '%" + policy + "%'")  #@vuln CWE-89
        return [dict(r._mapping) for r in conn.execute(stmt)]


@app.get("/claims-by-policy")
def claims_by_policy(policy: str = Query("")):
    with engine.connect() as conn:
        stmt = text("SELECT id, amount FROM claims WHERE policy_no LIKE :pat")  #@safe
        return [dict(r._mapping) for r in conn.execute(stmt, {"pat": f"%{policy}%"})]


@app.post("/claims/region-summary")
def region_summary(flt: ClaimFilter):
    with engine.connect() as conn:
        stmt = text(f"SELECT count(*) FROM claims WHERE region = '{flt.region}'")  #@safe
        return {"count": conn.execute(stmt).scalar()}


@app.post("/claims/import-draft")
async def import_draft(request: Request):
    body = await request.json()
    blob = base64.b64decode(body["draft"])
    draft = pickle.loads(blob)  #@vuln CWE-502
    return {"fields": sorted(draft.keys())}


@app.post("/claims/import-yaml")
async def import_yaml(request: Request):
    raw = (await request.body()).decode()
    doc = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
    return {"keys": list(doc)}


@app.post("/claims/import-yaml-safe")
async def import_yaml_safe(request: Request):
    raw = (await request.body()).decode()
    doc = yaml.safe_load(raw)  #@safe
    return {"keys": list(doc)}


@app.post("/claims/{claim_id}/ocr")
async def ocr_attachment(claim_id: UUID, request: Request):
    form = await request.form()
    filename = form.get("filename")
    out = subprocess.run(f"tesseract /srv/claims/{claim_id}/{filename} stdout", shell=True, capture_output=True)  #@vuln CWE-78
    return {"text": out.stdout.decode(errors="replace")}


@app.post("/claims/{claim_id}/thumbnail")
async def thumbnail(claim_id: UUID, request: Request):
    form = await request.form()
    filename = str(form.get("filename", ""))
    src = f"/srv/claims/{claim_id}/{filename.replace('/', '_')}"
    out = subprocess.run(["convert", src, "-resize", "200x200", "png:-"], capture_output=True)  #@safe
    return {"size": len(out.stdout)}


@app.get("/claims/estimate")
def estimate(expr: str = Query(..., description="e.g. 'base * 1.2'"), base: float = 100.0):
    value = eval(expr, {"base": base})  #@vuln CWE-95|CWE-94
    return {"estimate": value}
