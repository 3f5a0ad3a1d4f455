"""Login, logout, password reset, staff SSO over LDAP and partner SSO."""
from __future__ import annotations

import os
import secrets
from urllib.parse import urlsplit

import asyncpg
from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from ldap3 import SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars

from adpulse_api.db import get_pool
from adpulse_api.repositories import UserRepository
from adpulse_api.security import (
    current_user,
    hash_password,
    issue_token,
    needs_rehash,
    new_reset_code,
    partner_claims,
    verify_password,
)
from adpulse_api.settings import get_settings
from adpulse_workers.tasks import send_reset_email

router = APIRouter(prefix="/auth", tags=["auth"])
settings = get_settings()

STAFF_BIND_DN = "cn=adpulse-api,ou=services,dc=adpulse,dc=io"


def _session_response(target: str, token: str) -> Response:
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(settings.session_cookie, token, max_age=settings.token_ttl_hours * 3600, secure=True, httponly=True, samesite="lax")  #@safe
    return response


@router.post("/login")
async def login(
    request: Request,
    email: str = Form(...),
    password: str = Form(...),
    next: str = Form("/dashboard"),
    pool: asyncpg.Pool = Depends(get_pool),
):
    users = UserRepository(pool)
    user = await users.by_email(email)
    if user is None or not verify_password(password, user["password_hash"]):
        ua = request.headers.get("user-agent", "-")
        await users.audit_log(0, "login_failed", f"{email} from {request.client.host} ua={ua}")
        raise HTTPException(status_code=401, detail="invalid email or password")
    if needs_rehash(user["password_hash"]):
        await users.set_password_hash(user["id"], hash_password(password))
    token = issue_token(user["id"], user["advertiser_id"], user["role"])
    response = RedirectResponse(next, status_code=303)  #@vuln CWE-601
    response.set_cookie(settings.session_cookie, token, max_age=settings.token_ttl_hours * 3600, secure=True, httponly=True, samesite="lax")
    return response


@router.get("/logout")
async def logout(return_to: str = "/"):
    parts = urlsplit(return_to)
    target = return_to if parts.scheme == "https" and parts.hostname in settings.redirect_hosts else "/"
    response = RedirectResponse(target, status_code=303)  #@safe
    response.delete_cookie(settings.session_cookie)
    return response


@router.post("/devices/remember")
async def remember_device(response: Response, user: dict = Depends(current_user)):
    device_id = secrets.token_urlsafe(24)
    response.set_cookie("adp_device", f"{user['id']}.{device_id}", max_age=90 * 24 * 3600)  #@vuln CWE-614|CWE-1004
    return {"device": device_id}


@router.post("/password/reset")
async def request_reset(email: str = Form(...), pool: asyncpg.Pool = Depends(get_pool)):
    users = UserRepository(pool)
    user = await users.by_email(email)
    if user is not None:
        code = new_reset_code()
        await users.set_reset_code(user["id"], code)
        send_reset_email.send(user["email"], code)
    return {"ok": True}


def _ldap() -> Connection:
    server = Server(settings.ldap_url, use_ssl=True)
    return Connection(server, user=STAFF_BIND_DN, password=os.environ["LDAP_BIND_PASSWORD"], auto_bind=True)  #@safe


@router.post("/staff/login")
def staff_login(username: str = Form(...), password: str = Form(...)):
    if not password:
        raise HTTPException(status_code=401, detail="invalid credentials")
    conn = _ldap()
    conn.search(settings.ldap_base_dn, f"(&(objectClass=inetOrgPerson)(uid={username}))", attributes=["cn", "mail", "memberOf"])  #@vuln CWE-90
    if len(conn.entries) != 1:
        raise HTTPException(status_code=401, detail="invalid credentials")
    entry = conn.entries[0]
    if not conn.rebind(user=entry.entry_dn, password=password):
        raise HTTPException(status_code=401, detail="invalid credentials")
    groups = [str(g) for g in entry.memberOf] if "memberOf" in entry else []
    role = "admin" if any("cn=adops-admins" in g for g in groups) else "staff"
    return _session_response("/admin", issue_token(0, 0, role))


@router.get("/staff/teams/{team}")
def team_members(team: str, user: dict = Depends(current_user)):
    conn = _ldap()
    conn.search(settings.ldap_group_dn, "(&(objectClass=groupOfNames)(cn=" + escape_filter_chars(team) + "))", attributes=["member"])  #@safe
    return {"team": team, "members": [str(m) for e in conn.entries for m in e.member]}


@router.get("/staff/lookup")
def staff_lookup(mail: str, user: dict = Depends(current_user)):
    conn = _ldap()
    search_filter = "(|(mail=%s)(mailAlternateAddress=%s))" % (mail, mail)
    conn.search(settings.ldap_base_dn, search_filter, search_scope=SUBTREE, attributes=["cn", "uid", "title"])  #@vuln CWE-90
    return [{"cn": str(e.cn), "uid": str(e.uid), "title": str(e.title)} for e in conn.entries]


@router.post("/partner/sso")
async def partner_sso(request: Request, pool: asyncpg.Pool = Depends(get_pool)):
    body = await request.json()
    claims = partner_claims(body["assertion"])
    user = await UserRepository(pool).by_partner_seat(str(claims["seat_id"]))
    if user is None:
        raise HTTPException(status_code=403, detail="unknown seat")
    return _session_response("/dashboard", issue_token(user["id"], user["advertiser_id"], user["role"]))
