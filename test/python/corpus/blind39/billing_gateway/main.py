import html
import logging
from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, RedirectResponse
from strawberry.fastapi import GraphQLRouter

from billing_gateway import auth, ledger
from billing_gateway.config import get_settings
from billing_gateway.partners import Mailer
from billing_gateway.schema import make_customer_loader, make_invoice_loader, schema

log = logging.getLogger("billing")
settings = get_settings()

app = FastAPI(title="billing-gateway", version="2.8.1")
app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=True, allow_methods=["GET", "POST"], allow_headers=["*"])  #@safe

_mailer = Mailer(settings.smtp_host, settings.smtp_user, settings.smtp_password)


async def get_context(request: Request):
    return {"request": request, "user": auth.user_from_request(request), "customer_loader": make_customer_loader(), "invoice_loader": make_invoice_loader(), "mailer": _mailer}


app.include_router(GraphQLRouter(schema, context_getter=get_context), prefix="/graphql")


@app.get("/sso/callback")
async def sso_callback(code: str, return_to: str = "/portal"):
    customer_id = await exchange_sso_code(code)
    response = RedirectResponse(return_to, status_code=302)  #@vuln CWE-601
    response.set_cookie("billing_sid", auth.issue_token(customer_id, ["billing:read"]), httponly=True, secure=True, samesite="lax")  #@safe
    return response


@app.post("/portal/remember")
async def remember_me(request: Request):
    user = auth.user_from_request(request)
    if not user:
        raise HTTPException(status_code=401)
    response = RedirectResponse("/portal", status_code=303)
    response.set_cookie("billing_remember", auth.new_remember_token(), max_age=60 * 60 * 24 * 30, httponly=True)  #@vuln CWE-614
    return response


@app.get("/portal/handoff")
async def portal_handoff(token: str):
    auth.decode_token(token)
    response = RedirectResponse("/portal", status_code=302)
    response.set_cookie("portal_token", token, secure=True, samesite="strict")  #@vuln CWE-1004
    return response


@app.get("/pay/return")
async def pay_return(next: str = "/portal"):
    parsed = urlparse(next)
    if parsed.scheme or parsed.netloc or not next.startswith("/") or next.startswith("//"):
        next = "/portal"
    return RedirectResponse(next, status_code=302)  #@safe


@app.get("/invoices/{number}/view", response_class=HTMLResponse)
async def invoice_view(request: Request, number: str, note: str = ""):
    user = auth.user_from_request(request) or {}
    inv = ledger.invoice_for_view(number, user.get("sub", ""))
    if not inv:
        raise HTTPException(status_code=404)
    return HTMLResponse(f"<h2>Invoice {inv['number']}</h2><p>{inv['total_cents'] / 100:.2f} {inv['currency']}</p><div class='note'>{note}</div>")  #@vuln CWE-79


@app.get("/invoices/{number}/print", response_class=HTMLResponse)
async def invoice_print(request: Request, number: str, note: str = ""):
    user = auth.user_from_request(request) or {}
    inv = ledger.invoice_for_view(number, user.get("sub", ""))
    if not inv:
        raise HTTPException(status_code=404)
    return HTMLResponse(f"<h2>Invoice {html.escape(inv['number'])}</h2><pre>{html.escape(inv['memo'] or '')}</pre><p>{html.escape(note)}</p>")  #@safe


@app.get("/embed/widget", response_class=HTMLResponse)
async def embed_widget(merchant: str, theme: str = "light"):
    return HTMLResponse(f"<div id='acme-billing' data-merchant='{merchant}'></div><script>window.ACME_THEME = '{theme}';</script><script src='/static/widget.js'></script>")  #@vuln CWE-79


@app.get("/logout")
async def logout(request: Request):
    response = RedirectResponse(request.query_params.get("continue", "/"), status_code=302)  #@vuln CWE-601
    response.delete_cookie("billing_sid")
    response.delete_cookie("billing_remember")
    return response


async def exchange_sso_code(code: str) -> str:
    claims = auth.decode_token(code)
    return claims["sub"]
