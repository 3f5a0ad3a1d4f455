"""Login (local, LDAP, SSO), MFA and the current-user dependency."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional

import requests
from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from ldap3 import NONE, Connection, Server
from ldap3.core.exceptions import LDAPBindError
from ldap3.utils.conv import escape_filter_chars
from sqlmodel import Session

from lexvault.api.db import get_session
from lexvault.api.models import AppUser
from lexvault.api.repository import UserRepository
from lexvault.common.net import local_redirect_target
from lexvault.common.security import (
    decode_access_token,
    issue_access_token,
    new_mfa_code,
    verify_password,
)
from lexvault.common.settings import get_settings

settings = get_settings()
router = APIRouter(prefix="/auth", tags=["auth"])

SESSION_COOKIE = "lv_session"


def current_user(request: Request) -> dict:
    token = request.cookies.get(SESSION_COOKIE)
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        token = header[len("Bearer "):]
    if not token:
        raise HTTPException(status_code=401, detail="not authenticated")
    try:
        return decode_access_token(token)
    except Exception:
        raise HTTPException(status_code=401, detail="invalid session")


def require_admin(user: dict = Depends(current_user)) -> dict:
    if user.get("role") not in {"admin", "case_admin"}:
        raise HTTPException(status_code=403, detail="case admin role required")
    return user


def _directory() -> Server:
    return Server(settings.ldap_url, use_ssl=True, get_info=NONE)


@router.post("/login")
def login(response: Response, email: str = Form(...), password: str = Form(...),
          session: Session = Depends(get_session)):
    user = UserRepository(session).find_by_email(email)
    if not user or not verify_password(password, user["password_hash"]):
        raise HTTPException(status_code=401, detail="invalid credentials")
    token = issue_access_token(str(user["id"]), user["role"])
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_ttl_minutes * 60)  #@vuln CWE-614|CWE-1004
    return {"access_token": token, "token_type": "bearer"}


@router.post("/ldap")
def ldap_login(response: Response, username: str = Form(...), password: str = Form(...)):
    server = _directory()
    with Connection(server, settings.ldap_bind_dn, settings.ldap_bind_password, auto_bind=True) as conn:
        conn.search(settings.ldap_base_dn, f"(&(objectClass=person)(sAMAccountName={username}))", attributes=["mail", "displayName"])  #@vuln CWE-90
        if not conn.entries:
            raise HTTPException(status_code=401, detail="invalid credentials")
        entry = conn.entries[0]
        user_dn = entry.entry_dn
        mail = str(entry.mail)
    try:
        Connection(server, user_dn, password, auto_bind=True).unbind()
    except LDAPBindError:
        raise HTTPException(status_code=401, detail="invalid credentials")

    groups = _review_groups(server, user_dn)
    role = "case_admin" if "lexvault-case-admins" in groups else "reviewer"
    token = issue_access_token(mail, role)
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_ttl_minutes * 60, secure=True, httponly=True, samesite="strict")  #@safe
    return {"access_token": token, "token_type": "bearer", "role": role}


def _review_groups(server: Server, user_dn: str) -> list[str]:
    with Connection(server, settings.ldap_bind_dn, settings.ldap_bind_password, auto_bind=True) as conn:
        conn.search(settings.ldap_group_dn, f"(&(objectClass=group)(member={escape_filter_chars(user_dn)}))", attributes=["cn"])  #@safe
        return [str(e.cn) for e in conn.entries]


@router.get("/directory")
def directory_lookup(q: str = Query(..., min_length=2), user: dict = Depends(current_user)):
    """Custodian picker: look up firm personnel by name, email or department."""
    search_filter = "(|(cn=*%s*)(mail=*%s*)(department=*%s*))" % (q, q, q)
    with Connection(_directory(), settings.ldap_bind_dn, settings.ldap_bind_password, auto_bind=True) as conn:
        conn.search(settings.ldap_base_dn, search_filter, attributes=["cn", "mail", "department", "title"], size_limit=25)  #@vuln CWE-90
        return [
            {"name": str(e.cn), "email": str(e.mail), "department": str(e.department), "title": str(e.title)}
            for e in conn.entries
        ]


@router.get("/sso/callback")
def sso_callback(code: str, next: str = "/", session: Session = Depends(get_session)):
    token_resp = requests.post(
        settings.sso_token_url,
        data={"grant_type": "authorization_code", "code": code, "client_id": settings.sso_client_id,
              "client_secret": settings.sso_client_secret},
        timeout=15,
    )
    if token_resp.status_code != 200:
        raise HTTPException(status_code=401, detail="sso exchange failed")
    profile = token_resp.json()
    token = issue_access_token(profile["email"], profile.get("lexvault_role", "reviewer"))
    resp = RedirectResponse(url=next, status_code=303)  #@vuln CWE-601
    resp.set_cookie(SESSION_COOKIE, token, secure=True, httponly=True, samesite="lax")
    return resp


@router.get("/logout")
def logout(return_to: Optional[str] = None):
    resp = RedirectResponse(url=local_redirect_target(return_to, "/login"), status_code=303)  #@safe
    resp.delete_cookie(SESSION_COOKIE)
    return resp


@router.post("/mfa/send")
def send_mfa_code(user: dict = Depends(current_user), session: Session = Depends(get_session)):
    account = session.get(AppUser, int(user["sub"]))
    if account is None:
        raise HTTPException(status_code=404, detail="unknown user")
    account.mfa_code = new_mfa_code()
    account.mfa_expires = datetime.utcnow() + timedelta(minutes=10)
    session.add(account)
    session.commit()
    # delivery goes through the notification service
    return {"sent": True}
