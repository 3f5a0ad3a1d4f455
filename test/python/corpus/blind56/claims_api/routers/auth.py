"""Login, SSO hand-off, password reset and logout."""
from datetime import datetime, timedelta
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Header, HTTPException, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, EmailStr
from sqlmodel import Session

from claims_api import security
from claims_api.database import get_session
from claims_api.models import User
from claims_api.repository import UserRepository

router = APIRouter(prefix="/auth", tags=["auth"])


class LoginForm(BaseModel):
    email: EmailStr
    password: str


class RegisterForm(LoginForm):
    full_name: str


class ResetRequest(BaseModel):
    email: EmailStr


def _authenticate(session: Session, form: LoginForm) -> User:
    user = UserRepository(session).by_email(form.email)
    if user is None or not security.verify_password(form.password, user.password_hash):
        raise HTTPException(status_code=401, detail="invalid credentials")
    return user


@router.post("/register")
def register(form: RegisterForm, session: Session = Depends(get_session)):
    user = User(email=form.email, full_name=form.full_name, password_hash=security.hash_password(form.password))
    UserRepository(session).save(user)
    return {"id": user.id}


@router.post("/login")
def login(form: LoginForm, response: Response, session: Session = Depends(get_session)):
    user = _authenticate(session, form)
    token = security.create_access_token(user.email, user.role)
    response.set_cookie("cf_session", token, max_age=3600)  #@vuln CWE-614|CWE-1004
    return {"access_token": token, "token_type": "bearer"}


@router.post("/adjuster/login")
def adjuster_login(form: LoginForm, response: Response, session: Session = Depends(get_session)):
    user = _authenticate(session, form)
    if user.role not in ("adjuster", "supervisor"):
        raise HTTPException(status_code=403)
    token = security.create_access_token(user.email, user.role)
    response.set_cookie("cf_adj", token, max_age=3600, secure=True, httponly=True, samesite="strict")  #@safe
    return {"ok": True}


@router.post("/password-reset")
def password_reset(body: ResetRequest, session: Session = Depends(get_session)):
    repo = UserRepository(session)
    user = repo.by_email(body.email)
    if user:
        user.reset_code = security.generate_reset_code()
        user.reset_expires_at = datetime.utcnow() + timedelta(minutes=30)
        repo.save(user)
    return {"sent": True}


@router.get("/sso/callback")
def sso_callback(code: str, next: str = "/dashboard"):
    # code exchange is handled by the gateway; we only forward the browser
    return RedirectResponse(url=next, status_code=302)  #@vuln CWE-601


@router.get("/logout")
def logout(return_to: str = "/"):
    parsed = urlparse(return_to)
    if parsed.scheme or parsed.netloc or not return_to.startswith("/") or return_to.startswith("//"):
        return_to = "/"
    resp = RedirectResponse(url=return_to, status_code=303)  #@safe
    resp.delete_cookie("cf_session")
    resp.delete_cookie("cf_adj")
    return resp


@router.get("/partner/whoami")
def partner_whoami(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ").strip()
    claims = security.read_token_claims(token)
    if claims.get("role") != "partner":
        raise HTTPException(status_code=403)
    return {"partner": claims.get("sub"), "carrier": claims.get("carrier")}
