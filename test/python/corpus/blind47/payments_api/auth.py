"""Merchant dashboard authentication: login, session cookie, OTP, partner tokens."""
from datetime import datetime, timedelta, timezone
from urllib.parse import urlparse

import jwt
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import text
from sqlalchemy.orm import Session

from common.config import get_settings
from common.crypto_utils import generate_otp, verify_merchant_password
from ledger.models import get_db
from workers.tasks import send_otp_email

router = APIRouter(prefix="/auth", tags=["auth"])
settings = get_settings()
SESSION_COOKIE = "acme_session"


def issue_token(merchant_id: int, scope: str, ttl_minutes: int = 60) -> str:
    now = datetime.now(timezone.utc)
    payload = {"sub": str(merchant_id), "scope": scope, "iat": now, "exp": now + timedelta(minutes=ttl_minutes)}
    return jwt.encode(payload, settings.jwt_secret, algorithm="HS256")


def current_merchant(request: Request) -> dict:
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip() or request.cookies.get(SESSION_COOKIE, "")
    if not token:
        raise HTTPException(401, "missing credentials")
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])  #@safe
    except jwt.PyJWTError:
        raise HTTPException(401, "invalid token")
    return claims


def merchant_from_partner_token(token: str) -> str:
    # Partner dashboards (Shopify app, WooCommerce plugin) embed a token signed with *their* key.
    # We only need the merchant id for routing, so skip signature checks here.
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return claims["merchant_id"]


def _is_allowed_redirect(url: str) -> bool:
    if "\\" in url:
        return False
    parsed = urlparse(url)
    if not parsed.scheme and not parsed.netloc:
        return url.startswith("/") and not url.startswith("//")
    return parsed.scheme == "https" and parsed.hostname in settings.allowed_redirect_hosts


@router.post("/login")
def login(email: str = Form(...), password: str = Form(...), next: str = Form("/dashboard"), db: Session = Depends(get_db)):
    row = db.execute(text("SELECT id, password_hash, otp_enabled FROM merchants WHERE lower(email) = lower(:email)"), {"email": email}).first()  #@safe
    if not row or not verify_merchant_password(password, row.password_hash):
        raise HTTPException(401, "invalid email or password")
    token = issue_token(row.id, "dashboard")
    resp = RedirectResponse(next, status_code=303)  #@vuln CWE-601
    resp.set_cookie(SESSION_COOKIE, token, max_age=3600, samesite="lax")  #@vuln CWE-614|CWE-1004
    return resp


@router.post("/otp/send")
def send_otp(claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    code = generate_otp()
    db.execute(text("UPDATE merchants SET otp_code = :code, otp_expires = now() + interval '5 minutes' WHERE id = :id"), {"code": code, "id": claims["sub"]})
    db.commit()
    send_otp_email.delay(int(claims["sub"]), code)
    return {"sent": True}


@router.post("/otp/verify")
def verify_otp(code: str = Form(...), claims: dict = Depends(current_merchant), db: Session = Depends(get_db)):
    row = db.execute(text("SELECT otp_code FROM merchants WHERE id = :id AND otp_expires > now()"), {"id": claims["sub"]}).first()
    if not row or row.otp_code != code:
        raise HTTPException(401, "invalid code")
    device_token = issue_token(int(claims["sub"]), "trusted-device", ttl_minutes=60 * 24 * 30)
    resp = RedirectResponse("/dashboard", status_code=303)
    resp.set_cookie("acme_device", device_token, max_age=30 * 86400, secure=True, httponly=True, samesite="strict")  #@safe
    return resp


@router.get("/logout")
def logout(next: str = "/"):
    target = next if _is_allowed_redirect(next) else "/"
    resp = RedirectResponse(target, status_code=303)  #@safe
    resp.delete_cookie(SESSION_COOKIE)
    return resp
