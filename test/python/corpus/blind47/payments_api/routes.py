"""Dashboard / merchant API routes: refunds, payouts, checkout return, exports, ledger reports, audit log."""
import html
import secrets
from datetime import date

import httpx
import stripe
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, HttpUrl
from pymongo import MongoClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from common.config import get_settings
from common.fsutil import read_export
from ledger import repository
from ledger.models import get_db
from payments_api import services
from payments_api.auth import current_merchant, merchant_from_partner_token
from workers.tasks import archive_merchant_exports

settings = get_settings()
router = APIRouter(tags=["payments"])
ledger_router = APIRouter(prefix="/ledger", tags=["ledger"])
audit_log = MongoClient(settings.mongo_url)["audit"]["events"]


class RefundIn(BaseModel):
    payment_id: int
    amount_cents: int = Field(gt=0)
    reason: str = Field("", max_length=500)


class EndpointIn(BaseModel):
    url: HttpUrl


class ArchiveIn(BaseModel):
    period: str


@router.post("/refunds")
def create_refund(body: RefundIn, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    try:
        refund = services.create_refund(db, claims["sub"], body.payment_id, body.amount_cents, body.reason)
    except services.PaymentNotFound:
        raise HTTPException(404, "payment not found")
    return {"id": refund.id, "status": refund.status}


@router.get("/refunds")
def list_refunds(status: str | None = None, q: str = "", sort: str = "created_at", claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    return services.search_refunds(db, claims["sub"], status, q, sort)


@router.get("/refunds/{refund_id}/receipt", response_class=HTMLResponse)
def refund_receipt(refund_id: int, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    r = services.get_refund(db, refund_id, claims["sub"])
    return HTMLResponse(f"<html><body><h2>Refund #{r['id']}</h2><p>Amount: {r['amount_cents'] / 100:.2f} {r['currency']}</p><p>Reason: {r['reason']}</p></body></html>")  #@vuln CWE-79


@router.get("/refunds/{refund_id}/print", response_class=HTMLResponse)
def refund_print(refund_id: int, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    r = services.get_refund(db, refund_id, claims["sub"])
    reason = html.escape(r["reason"] or "-")
    return HTMLResponse(f"<html><body onload='window.print()'><pre>Refund {r['id']}\n{r['amount_cents'] / 100:.2f} {r['currency']}\n{reason}</pre></body></html>")  #@safe


@router.get("/checkout/return")
def checkout_return(session_id: str, return_url: str = "/thank-you"):
    session = stripe.checkout.Session.retrieve(session_id)
    if session.payment_status != "paid":
        return RedirectResponse(f"/checkout/failed?session={session_id}", status_code=303)
    return RedirectResponse(return_url, status_code=303)  #@vuln CWE-601


@router.post("/webhook-endpoints")
def register_endpoint(body: EndpointIn, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    secret = "whsec_" + secrets.token_urlsafe(24)
    db.execute(text("UPDATE merchants SET webhook_url = :url, webhook_secret = :sec WHERE id = :id"), {"url": str(body.url), "sec": secret, "id": claims["sub"]})
    db.commit()
    return {"url": str(body.url), "secret": secret}


@router.post("/webhook-endpoints/test")
def test_endpoint(body: EndpointIn, claims: dict = Depends(current_merchant)):
    sample = {"type": "payout.paid", "data": {"object": {"id": "po_test_123", "amount": 1000, "currency": "eur"}}, "livemode": False}
    r = httpx.post(str(body.url), json=sample, timeout=5.0)  #@vuln CWE-918
    return {"status": r.status_code, "body": r.text[:500]}


@router.get("/exports/{name}")
def download_export(name: str, claims: dict = Depends(current_merchant)):
    data = read_export(f"{settings.export_dir}/{claims['sub']}", name)
    return Response(data, media_type="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/exports/archive")
def archive_exports(body: ArchiveIn, claims: dict = Depends(current_merchant)):
    job = archive_merchant_exports.delay(claims["sub"], body.period)
    return {"job_id": job.id}


# --- ledger reports ------------------------------------------------------------

@ledger_router.get("/accounts/{account_id}/balance")
def balance(account_id: int, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    return {"account_id": account_id, "balance_cents": repository.account_balance(db, account_id)}


@ledger_router.get("/trial-balance")
def trial_balance(as_of: date, currency: str = "EUR", claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    return repository.trial_balance(db, as_of, currency)


@ledger_router.get("/statement")
def statement(account_code: str, order: str = "posted_at", limit: int = 500, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    return repository.statement_lines(db, account_code, order, limit)


@ledger_router.get("/entries/search")
def search_entries(memo: str, claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    return repository.search_entries(db, int(claims["sub"]), memo)


@ledger_router.get("/partner/summary")
def partner_summary(token: str, db: Session = Depends(get_db)):
    merchant_id = merchant_from_partner_token(token)
    return repository.merchant_summary(db, merchant_id)


@ledger_router.post("/audit/search")
async def audit_search(request: Request, claims: dict = Depends(current_merchant)):
    body = await request.json()
    query = {"merchant_id": claims["sub"]}
    query.update(body.get("filters", {}))
    cursor = audit_log.find(query).sort("ts", -1).limit(200)  #@vuln CWE-943
    return [{**doc, "_id": str(doc["_id"])} for doc in cursor]


@ledger_router.get("/audit/{event}")
def audit_by_event(event: str, claims: dict = Depends(current_merchant)):
    cursor = audit_log.find({"merchant_id": claims["sub"], "event": str(event)}).sort("ts", -1).limit(200)  #@safe
    return [{**doc, "_id": str(doc["_id"])} for doc in cursor]
