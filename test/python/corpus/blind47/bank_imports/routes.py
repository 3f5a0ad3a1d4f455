"""Statement upload / preview endpoints (mounted by payments_api.main)."""
import os
import re
import shutil
import subprocess
import uuid
from typing import Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.orm import Session

from bank_imports.parsers import guess_format
from common.config import get_settings
from common.fsutil import ensure_dir, extract_bank_bundle, extract_tar_bundle
from ledger.models import get_db
from payments_api.auth import current_merchant
from workers.tasks import import_remote_statement, ingest_statement_file

router = APIRouter(prefix="/imports", tags=["imports"])
settings = get_settings()
ALLOWED_ENCODINGS = {"utf-8", "latin-1", "cp1252", "iso-8859-15", "cp850"}


class ImportProfile(BaseModel):
    """Column mapping for a bank's CSV export; created by the merchant in the import wizard."""
    name: str
    delimiter: str = ","
    date_col: str
    date_format: str = "%Y-%m-%d"
    amount_expr: str = "row['amount']"
    currency: str = "EUR"
    counterparty_col: str = ""
    reference_col: str = ""
    skip_values: str = "[]"


class RemoteImport(BaseModel):
    url: str
    fmt: Literal["camt053", "camt054", "mt940", "ofx"] = "camt053"


class MatchRuleTest(BaseModel):
    pattern: str
    samples: list[str]


@router.post("/profiles")
def create_profile(profile: ImportProfile, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    row = db.execute(
        text("INSERT INTO import_profiles (merchant_id, name, config) VALUES (:mid, :name, :cfg) RETURNING id"),
        {"mid": claims["sub"], "name": profile.name, "cfg": profile.model_dump_json()},
    ).first()
    db.commit()
    return {"id": row.id}


@router.post("/statements")
async def upload_statement(file: UploadFile = File(...), fmt: str = Form("csv"), encoding: str = Form("utf-8"), profile_id: int | None = Form(None), claims: dict = Depends(current_merchant)):
    incoming = ensure_dir(os.path.join(settings.upload_dir, str(claims["sub"])))
    dest = os.path.join(incoming, file.filename)
    with open(dest, "wb") as out:  #@vuln CWE-22
        shutil.copyfileobj(file.file, out)
    if encoding.lower() not in ("utf-8", "utf8"):
        subprocess.run(f"iconv -f {encoding} -t UTF-8 '{dest}' > '{dest}.utf8' && mv '{dest}.utf8' '{dest}'", shell=True, check=True)  #@vuln CWE-78
    if fmt == "ofx" and dest.lower().endswith(".qfx"):
        # Quicken exports are SGML; normalise them with OpenSP's osx before ofxparse sees them
        subprocess.check_output("osx -xlower " + dest + " > " + dest + ".xml", shell=True)  #@vuln CWE-78
        dest += ".xml"
    job = ingest_statement_file.delay(dest, fmt, claims["sub"], profile_id)
    return {"job_id": job.id, "file": file.filename}


@router.post("/statements/{import_id}/reencode")
def reencode(import_id: int, encoding: str = Form(...), claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    enc = encoding.lower()
    if enc not in ALLOWED_ENCODINGS:
        raise HTTPException(400, "unsupported encoding")
    row = db.execute(text("SELECT stored_path FROM statement_imports WHERE id = :id AND merchant_id = :mid"), {"id": import_id, "mid": claims["sub"]}).first()
    if row is None:
        raise HTTPException(404)
    src = row.stored_path
    subprocess.run(["iconv", "-f", enc, "-t", "UTF-8", "-o", src + ".utf8", src], check=True)  #@safe
    os.replace(src + ".utf8", src)
    return {"ok": True}


@router.post("/bundles")
async def upload_bundle(file: UploadFile = File(...), claims: dict = Depends(current_merchant)):
    suffix = ".tar.gz" if file.filename.endswith((".tgz", ".tar.gz")) else ".zip"
    tmp_path = os.path.join(settings.upload_dir, f"{uuid.uuid4().hex}{suffix}")
    with open(tmp_path, "wb") as out:  #@safe
        shutil.copyfileobj(file.file, out)
    dest = ensure_dir(os.path.join(settings.upload_dir, str(claims["sub"]), "bundles"))
    files = extract_tar_bundle(tmp_path, dest) if suffix == ".tar.gz" else extract_bank_bundle(tmp_path, dest)
    os.unlink(tmp_path)
    for path in files:
        ingest_statement_file.delay(path, guess_format(path), claims["sub"], None)
    return {"files": [os.path.basename(p) for p in files]}


@router.post("/remote")
def import_remote(body: RemoteImport, claims: dict = Depends(current_merchant)):
    job = import_remote_statement.delay(body.url, body.fmt, claims["sub"])
    return {"job_id": job.id}


@router.get("")
def list_imports(bank: str | None = None, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    sql = "SELECT id, bank, filename, status, created_at FROM statement_imports WHERE merchant_id = :mid"
    if bank:
        sql += f" AND bank = '{bank}'"
    rows = db.execute(text(sql + " ORDER BY created_at DESC LIMIT 100"), {"mid": claims["sub"]}).mappings()  #@vuln CWE-89
    return [dict(r) for r in rows]


@router.get("/{import_id}/preview", response_class=HTMLResponse)
def preview(import_id: int, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    rows = db.execute(
        text("SELECT booked_at, amount_cents, currency, counterparty, remittance_info FROM bank_transactions WHERE import_id = :iid AND merchant_id = :mid ORDER BY booked_at LIMIT 200"),
        {"iid": import_id, "mid": claims["sub"]},
    ).mappings().all()
    body = "".join(f"<tr><td>{r['booked_at']}</td><td>{r['amount_cents'] / 100:.2f} {r['currency']}</td><td>{r['counterparty']}</td><td>{r['remittance_info']}</td></tr>" for r in rows)
    return HTMLResponse(f"<table class='preview'><tr><th>Date</th><th>Amount</th><th>Counterparty</th><th>Details</th></tr>{body}</table>")  #@vuln CWE-79


@router.post("/rules/test")
def test_match_rule(body: MatchRuleTest, claims: dict = Depends(current_merchant)):
    rx = re.compile(body.pattern, re.IGNORECASE)  #@vuln CWE-1333
    return {"matches": [s for s in body.samples if rx.search(s)]}
