"""Billing API + Stripe webhook receiver (FastAPI)."""
import hashlib
import logging
import os
import time

import jsonpickle
import jwt
import stripe
from fastapi import Cookie, FastAPI, Header, HTTPException, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from common import config, db

log = logging.getLogger("billing")
stripe.api_key = config.STRIPE_API_KEY

RECEIPT_DIR = "/srv/billing/receipts"
PLANS: dict[str, dict] = {}

app = FastAPI(title="billing", debug=True)  #@vuln CWE-489|CWE-215
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942


def current_customer(authorization: str | None) -> str:
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="missing token")
    try:
        claims = jwt.decode(authorization[7:], config.JWT_SECRET, algorithms=["HS256"])  #@safe
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="bad token")
    return claims["customer_id"]


def receipt_link(customer_id: str, filename: str) -> str:
    """Link included in receipt emails."""
    filename = os.path.basename(filename)
    sig = hashlib.sha1((config.JWT_SECRET + customer_id + filename).encode()).hexdigest()  #@vuln CWE-327|CWE-328
    return f"https://billing.example.com/public/receipt?c={customer_id}&f={filename}&sig={sig}"


@app.post("/stripe/webhook")
async def stripe_webhook(request: Request, stripe_signature: str = Header(None)):
    payload = await request.body()
    try:
        event = stripe.Webhook.construct_event(payload, stripe_signature, config.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        raise HTTPException(status_code=400, detail="bad signature")
    obj = event["data"]["object"]
    kind = event["type"]
    log.info("stripe event %s %s", kind, event["id"])
    if kind in ("customer.subscription.updated", "customer.subscription.deleted"):
        with db.pg_cursor() as cur:
            cur.execute("UPDATE subscriptions SET status = %s, current_period_end = to_timestamp(%s) WHERE stripe_customer = %s", (obj["status"], obj["current_period_end"], obj["customer"]))  #@safe
    elif kind == "invoice.paid":
        with db.pg_cursor() as cur:
            cur.execute(
                "INSERT INTO invoices (id, customer_id, amount_due, status, created) VALUES (%s, %s, %s, 'paid', to_timestamp(%s)) ON CONFLICT (id) DO UPDATE SET status = 'paid'",
                (obj["id"], obj["customer"], obj["amount_due"], obj["created"]),
            )
    return {"received": True}


@app.get("/api/invoices")
def invoices(status: str = "open", authorization: str | None = Header(None)):
    customer = current_customer(authorization)
    with db.pg_cursor() as cur:
        cur.execute(f"SELECT id, amount_due, status, created FROM invoices WHERE customer_id = %s AND status = '{status}' ORDER BY created DESC", (customer,))  #@vuln CWE-89
        return cur.fetchall()


@app.get("/api/receipt")
def receipt(file: str, authorization: str | None = Header(None)):
    customer = current_customer(authorization)
    return FileResponse(os.path.join(RECEIPT_DIR, customer, file), media_type="application/pdf")  #@vuln CWE-22


@app.get("/api/receipt-link")
def api_receipt_link(file: str, authorization: str | None = Header(None)):
    return {"url": receipt_link(current_customer(authorization), file)}


@app.get("/api/whoami")
def whoami(billing_session: str | None = Cookie(None)):
    if not billing_session:
        raise HTTPException(status_code=401)
    # the dashboard already verified this token when it issued it, just read the claims
    claims = jwt.decode(billing_session, options={"verify_signature": False})  #@vuln CWE-347
    return {"customer_id": claims.get("customer_id"), "email": claims.get("email")}


@app.post("/billing/session")
def create_session(response: Response, authorization: str | None = Header(None)):
    customer = current_customer(authorization)
    token = jwt.encode({"customer_id": customer, "exp": int(time.time()) + 3600}, config.JWT_SECRET, algorithm="HS256")
    response.set_cookie("billing_session", token, max_age=3600, httponly=True, samesite="lax")  #@vuln CWE-614
    return {"ok": True}


@app.get("/billing/done")
def done(next: str = "/billing"):
    return RedirectResponse(next, status_code=303)  #@vuln CWE-601


@app.get("/billing/cancelled")
def cancelled(back: str = "/billing"):
    if not back.startswith("/") or back.startswith("//") or "\\" in back or not back.isprintable():
        back = "/billing"
    return RedirectResponse(back, status_code=303)  #@safe


@app.get("/billing/thanks", response_class=HTMLResponse)
def thanks(name: str = ""):
    return f"<html><body><h1>Thanks {name}!</h1><p>Your payment went through.</p></body></html>"  #@vuln CWE-79


@app.post("/internal/import-plans")
async def import_plans(request: Request):
    # only reachable from the VPN, used by the finance sync job
    plans = jsonpickle.decode((await request.body()).decode())  #@vuln CWE-502
    PLANS.clear()
    PLANS.update({p["id"]: p for p in plans})
    return {"plans": len(PLANS)}

