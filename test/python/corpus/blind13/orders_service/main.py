import ast
import html
import logging
import os
import subprocess
from typing import Optional
from urllib.parse import urlparse

import httpx
import jwt
from bson import ObjectId
from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import HTMLResponse
from motor.motor_asyncio import AsyncIOMotorClient
from pydantic import BaseModel, Field, HttpUrl

log = logging.getLogger("orders")

JWT_SECRET = os.environ["ORDERS_JWT_SECRET"]
ERP_URL = os.environ.get("ERP_URL", "https://erp.corp.acme.example:8443")
INVOICE_DIR = os.environ.get("INVOICE_DIR", "/var/lib/orders/invoices")
INTERNAL_BASE = "http://orders-web.internal:8080"
PARTNER_HOSTS = {"hooks.shipfast.example", "callbacks.parcelhub.example"}
PARTNER_ISSUERS = {"shipfast", "parcelhub"}

db = AsyncIOMotorClient(os.environ.get("MONGO_URL", "mongodb://localhost:27017"))["orders"]


class PartnerClient:
    def __init__(self, base_url: str, token: str, ca_bundle: Optional[str] = None):
        self._client = httpx.AsyncClient(  #@safe
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10.0, verify=ca_bundle or True
        )

    async def get_json(self, path: str, **params) -> dict:
        resp = await self._client.get(path, params=params)
        resp.raise_for_status()
        return resp.json()

carrier = PartnerClient(os.environ.get("CARRIER_URL", "https://api.shipfast.example"), os.environ.get("CARRIER_TOKEN", ""))

class OrderItem(BaseModel):
    sku: str
    qty: int = Field(gt=0)
    unit_price: float

class OrderIn(BaseModel):
    items: list[OrderItem]
    paper: str = "A4"

class ProfileUpdate(BaseModel):
    display_name: Optional[str] = None
    phone: Optional[str] = None
    shipping_address: Optional[str] = None

class WebhookTest(BaseModel):
    url: HttpUrl
    event: str = "ping"

class RateQuote(BaseModel):
    weight_kg: float
    formula: str = "weight * 1.0"
    tiers: str = "[]"

def current_claims(authorization: str = Header(...)) -> dict:
    try:
        return jwt.decode(authorization.removeprefix("Bearer "), JWT_SECRET, algorithms=["HS256"], audience="orders")  #@safe
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="invalid token")

def partner_claims(x_partner_token: str = Header(...)) -> dict:
    claims = jwt.decode(x_partner_token, options={"verify_signature": False})  #@vuln CWE-347
    if claims.get("iss") not in PARTNER_ISSUERS:
        raise HTTPException(status_code=403, detail="unknown partner")
    return claims

def render_invoice_pdf(order_id: str, paper: str) -> None:
    out = os.path.join(INVOICE_DIR, f"{order_id}.pdf")
    subprocess.run(f"wkhtmltopdf --page-size {paper} {INTERNAL_BASE}/invoices/{order_id} {out}", shell=True, check=True)  #@vuln CWE-78

def render_packing_slip(order_id: str, paper: str) -> None:
    out = os.path.join(INVOICE_DIR, f"{order_id}-slip.pdf")
    subprocess.run(["wkhtmltopdf", "--page-size", paper, f"{INTERNAL_BASE}/slips/{order_id}", out], check=True)  #@safe

async def push_to_erp(order_id: str, payload: dict) -> None:
    async with httpx.AsyncClient(base_url=ERP_URL, verify=False, timeout=30) as erp:  #@vuln CWE-295
        resp = await erp.post("/api/v1/sales-orders", json={"external_id": order_id, **payload})
        log.info("erp push %s -> %s", order_id, resp.status_code)

orders = APIRouter(prefix="/orders", tags=["orders"])
profile = APIRouter(prefix="/profile", tags=["profile"])
partners = APIRouter(prefix="/partners", tags=["partners"])

@orders.get("")
async def list_orders(status: str = "open", claims: dict = Depends(current_claims)):
    docs = await db.orders.find({"customer_id": claims["sub"], "status": status}).to_list(100)  #@safe
    return [{**d, "_id": str(d["_id"])} for d in docs]

@orders.get("/by-sku")
async def orders_by_sku(sku: str, claims: dict = Depends(current_claims)):
    js = f"this.items.some(function (i) {{ return i.sku == '{sku}'; }})"
    docs = await db.orders.find({"customer_id": claims["sub"], "$where": js}).to_list(100)  #@vuln CWE-943
    return [str(d["_id"]) for d in docs]

@orders.post("", status_code=201)
async def create_order(body: OrderIn, tasks: BackgroundTasks, claims: dict = Depends(current_claims)):
    total = sum(i.qty * i.unit_price for i in body.items)
    doc = {"customer_id": claims["sub"], "items": [i.model_dump() for i in body.items], "total": total, "status": "open"}
    order_id = str((await db.orders.insert_one(doc)).inserted_id)
    tasks.add_task(render_invoice_pdf, order_id, body.paper)
    tasks.add_task(render_packing_slip, order_id, body.paper)
    tasks.add_task(push_to_erp, order_id, {"total": total})
    return {"id": order_id, "total": total}

@orders.get("/{order_id}/tracking")
async def tracking(order_id: str, claims: dict = Depends(current_claims)):
    order = await db.orders.find_one({"_id": ObjectId(order_id), "customer_id": claims["sub"]}) or {}
    return await carrier.get_json("/v2/shipments", reference=order.get("shipment_ref", order_id))

@orders.get("/{order_id}/receipt", response_class=HTMLResponse)
async def receipt(order_id: str, note: str = ""):
    return HTMLResponse(f"<h1>Receipt {html.escape(order_id)}</h1><p class='note'>{note}</p>")  #@vuln CWE-79

@orders.get("/{order_id}/label", response_class=HTMLResponse)
async def shipping_label(order_id: str, name: str = ""):
    return HTMLResponse(f"<h2>{html.escape(name)}</h2><code>{html.escape(order_id)}</code>")  #@safe

@profile.patch("/me")
async def patch_me(body: ProfileUpdate, claims: dict = Depends(current_claims)):
    await db.customers.update_one({"_id": claims["sub"]}, {"$set": body.model_dump(exclude_unset=True)})  #@safe
    return {"ok": True}

@profile.put("/me/preferences")
async def put_preferences(request: Request, claims: dict = Depends(current_claims)):
    prefs = await request.json()
    await db.customers.update_one({"_id": claims["sub"]}, {"$set": prefs})  #@vuln CWE-915|CWE-943
    return {"ok": True}

@partners.post("/rates/quote")
async def quote_rate(body: RateQuote, claims: dict = Depends(partner_claims)):
    tiers = ast.literal_eval(body.tiers)  #@safe
    price = eval(body.formula, {"__builtins__": {}}, {"weight": body.weight_kg, "tiers": tiers})  #@vuln CWE-95|CWE-94
    return {"partner": claims["iss"], "price": round(float(price), 2)}

@partners.post("/webhooks/test")
async def test_webhook(body: WebhookTest, claims: dict = Depends(partner_claims)):
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.post(str(body.url), json={"event": body.event})  #@vuln CWE-918
    return {"status": resp.status_code}

@partners.post("/webhooks/verify")
async def verify_webhook(body: WebhookTest, claims: dict = Depends(current_claims)):
    if urlparse(str(body.url)).hostname not in PARTNER_HOSTS:
        raise HTTPException(status_code=400, detail="host not allowed")
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.post(str(body.url), json={"event": body.event})  #@safe
    return {"status": resp.status_code}

app = FastAPI(title="Orders Service", debug=True)  #@vuln CWE-489|CWE-215
for router in (orders, profile, partners):
    app.include_router(router)