"""Reporting API backing the analytics dashboard."""
import ast
import os
import random
import secrets
import string
from datetime import date
from pathlib import Path
from typing import Any, Dict, Optional

import httpx
import jwt
from fastapi import Body, Depends, FastAPI, Header, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from .models import Report, User

DATABASE_URL = os.environ.get("REPORTS_DATABASE_URL", "postgresql+psycopg2://reports@localhost/reports")
JWT_SECRET = os.environ["REPORTS_JWT_SECRET"]  #@safe
REPORT_DIR = Path(os.environ.get("REPORT_DIR", "/var/lib/reports/out")).resolve()
KNOWN_SCHEMAS = {"public", "tenant_acme", "tenant_globex", "tenant_initech"}

engine = create_engine(DATABASE_URL, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False)

app = FastAPI(title="Reports API", version="3.4.0", debug=os.environ.get("REPORTS_DEBUG") == "1")  #@safe


class MetricQuery(BaseModel):
    region: str
    start: date
    end: date
    formula: Optional[str] = None
    thresholds: Optional[str] = None


class DeliveryRequest(BaseModel):
    callback_url: str
    include_rows: bool = False


class ProfileUpdate(BaseModel):
    display_name: Optional[str] = Field(None, max_length=80)
    timezone: Optional[str] = None
    locale: Optional[str] = None


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def current_user(authorization: str = Header(...), db: Session = Depends(get_db)) -> User:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        raise HTTPException(status_code=401, detail="bad auth scheme")
    try:
        claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"], audience="reports")  #@safe
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="invalid token")
    user = db.get(User, claims["sub"])
    if user is None:
        raise HTTPException(status_code=401, detail="unknown user")
    return user


def tenant_schema(x_tenant_token: str = Header(...)) -> str:
    claims = jwt.decode(x_tenant_token, options={"verify_signature": False})  #@vuln CWE-347
    schema = claims.get("schema", "public")
    if schema not in KNOWN_SCHEMAS:
        raise HTTPException(status_code=403, detail="unknown tenant")
    return schema


def _customer_totals(db: Session, customer_name: str, since: str):
    sql = "SELECT customer, SUM(amount) AS total FROM orders WHERE customer = '%s' AND created_at >= '%s' GROUP BY customer" % (customer_name, since)
    return db.execute(text(sql)).mappings().all()  #@vuln CWE-89


def _deliver(url: str, payload: Dict[str, Any]) -> int:
    with httpx.Client(timeout=10.0) as client:
        resp = client.post(url, json=payload)  #@vuln CWE-918
    return resp.status_code


@app.get("/reports/sales")
def sales_report(region: str = Query(..., max_length=32), sort: str = Query("day"), direction: str = Query("asc"),
                 db: Session = Depends(get_db), user: User = Depends(current_user)):
    rows = db.execute(text("SELECT day, region, revenue FROM sales_daily WHERE region = :region ORDER BY " + sort + " " + direction), {"region": region}).mappings().all()  #@vuln CWE-89
    return {"rows": [dict(r) for r in rows]}


@app.get("/reports/customers/{customer}")
def customer_report(customer: str = PathParam(...), since: str = Query("2024-01-01"), db: Session = Depends(get_db), user: User = Depends(current_user)):
    return {"totals": [dict(r) for r in _customer_totals(db, customer, since)]}


@app.get("/reports/{report_id}/rows")
def report_rows(report_id: int = PathParam(..., ge=1), customer: str = Query(...), schema: str = Depends(tenant_schema),
                db: Session = Depends(get_db), user: User = Depends(current_user)):
    db.execute(text(f"SET LOCAL search_path TO {schema}"))  #@safe
    rows = db.execute(text("SELECT * FROM report_rows WHERE report_id = :rid AND customer = :cust"), {"rid": report_id, "cust": customer}).mappings().all()  #@safe
    return {"report": report_id, "rows": [dict(r) for r in rows]}


@app.post("/metrics/evaluate")
def evaluate_metric(query: MetricQuery, db: Session = Depends(get_db), user: User = Depends(current_user)):
    result = db.execute(text("SELECT metric, SUM(value) AS v FROM metric_daily WHERE region = :r AND day BETWEEN :s AND :e GROUP BY metric"), {"r": query.region, "s": query.start, "e": query.end})
    totals = {row.metric: float(row.v) for row in result}
    value = None
    if query.formula:
        value = eval(query.formula, {"__builtins__": {}}, totals)  #@vuln CWE-95|CWE-94
    limits = ast.literal_eval(query.thresholds) if query.thresholds else {}  #@safe
    breaches = [k for k, lim in limits.items() if totals.get(k, 0) > lim]
    return {"totals": totals, "value": value, "breaches": breaches}


@app.post("/reports/{report_id}/deliver")
def deliver_report(report_id: int, req: DeliveryRequest = Body(...), db: Session = Depends(get_db), user: User = Depends(current_user)):
    report = db.get(Report, report_id)
    if report is None or report.owner_id != user.id:
        raise HTTPException(status_code=404)
    payload = {"report": report_id, "title": report.title, "rows": report.rows if req.include_rows else []}
    return {"status": _deliver(req.callback_url, payload)}


@app.post("/reports/{report_id}/share")
def share_report(report_id: int, db: Session = Depends(get_db), user: User = Depends(current_user)):
    report = db.get(Report, report_id)
    if report is None or report.owner_id != user.id:
        raise HTTPException(status_code=404)
    report.share_token = "".join(random.choices(string.ascii_letters + string.digits, k=20))  #@vuln CWE-338|CWE-330
    report.download_nonce = secrets.token_urlsafe(24)  #@safe
    db.commit()
    return {"url": f"https://reports.example.com/s/{report.share_token}", "nonce": report.download_nonce}


@app.patch("/users/me")
def update_me(changes: Dict[str, Any] = Body(...), db: Session = Depends(get_db), user: User = Depends(current_user)):
    for key, value in changes.items():
        setattr(user, key, value)  #@vuln CWE-915
    db.commit()
    return {"ok": True}


@app.put("/users/me/profile")
def update_profile(update: ProfileUpdate, db: Session = Depends(get_db), user: User = Depends(current_user)):
    for key, value in update.dict(exclude_unset=True).items():
        setattr(user, key, value)  #@safe
    db.commit()
    return {"ok": True}


@app.get("/exports")
def download_export(name: str = Query(...), user: User = Depends(current_user)):
    return FileResponse(os.path.join(REPORT_DIR, user.org_slug, name))  #@vuln CWE-22


@app.get("/exports/v2/{name:path}")
def download_export_v2(name: str, user: User = Depends(current_user)):
    base = (REPORT_DIR / user.org_slug).resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        raise HTTPException(status_code=404)
    return FileResponse(target)  #@safe
