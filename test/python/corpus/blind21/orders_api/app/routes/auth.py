import logging
from urllib.parse import quote, urlparse

from fastapi import APIRouter, BackgroundTasks, Depends, Form, HTTPException, status
from fastapi.responses import RedirectResponse
from jose import jwt as jose_jwt
from sqlmodel import Session, select

from app.cache import redis_client
from app.config import get_settings
from app.models import LoginRequest, TokenResponse, User, get_session
from app.security import (
    create_access_token,
    generate_api_key,
    generate_reset_token,
    get_current_user,
    hash_password,
    verify_password,
)

router = APIRouter(prefix="/auth", tags=["auth"])
settings = get_settings()
log = logging.getLogger(__name__)


def _is_local_path(url: str) -> bool:
    parsed = urlparse(url)
    return not parsed.scheme and not parsed.netloc and url.startswith("/") and not url.startswith("//") and "\\" not in url


def _authenticate(session: Session, email: str, password: str) -> User | None:
    user = session.exec(select(User).where(User.email == email.lower())).first()
    if user is None or not verify_password(password, user):
        return None
    if user.legacy_hash:
        # opportunistic upgrade to bcrypt on successful login
        user.password_hash = hash_password(password)
        user.legacy_hash = False
        session.add(user)
        session.commit()
    return user


@router.post("/token", response_model=TokenResponse)
def issue_token(body: LoginRequest, session: Session = Depends(get_session)):
    user = _authenticate(session, body.email, body.password)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad credentials")
    return TokenResponse(access_token=create_access_token(user))


@router.post("/login")
def browser_login(email: str = Form(...), password: str = Form(...), next: str = Form("/dashboard"), remember: bool = Form(False), session: Session = Depends(get_session)):
    user = _authenticate(session, email, password)
    if user is None:
        return RedirectResponse(f"/login?error=1&next={quote(next)}", status_code=303)
    target = next if _is_local_path(next) else "/dashboard"
    response = RedirectResponse(target, status_code=303)  #@safe
    response.set_cookie("orderly_session", create_access_token(user), httponly=True, secure=True, samesite="lax", max_age=3600)  #@safe
    if remember:
        device_token = create_access_token(user, {"scope": "device"})
        response.set_cookie("orderly_device", device_token, httponly=True, secure=False, max_age=60 * 60 * 24 * 90)  #@vuln CWE-614
    return response


@router.get("/sso/shipfast")
def shipfast_sso(token: str, return_to: str = "/partner/home", session: Session = Depends(get_session)):
    """ShipFast's partner portal links merchants straight into our dashboard."""
    claims = jose_jwt.get_unverified_claims(token)  #@vuln CWE-347
    user = session.exec(select(User).where(User.email == claims.get("email", "").lower())).first()
    if user is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "no linked account")
    response = RedirectResponse(return_to, status_code=302)  #@vuln CWE-601
    # the partner SPA reads this cookie to call the API directly
    response.set_cookie("orderly_session", create_access_token(user), secure=True, samesite="none", httponly=False)  #@vuln CWE-1004
    return response


@router.get("/logout")
def logout(next: str = "/"):
    response = RedirectResponse(next, status_code=302)  #@vuln CWE-601
    response.delete_cookie("orderly_session")
    response.delete_cookie("orderly_device")
    return response


@router.post("/api-key")
def rotate_api_key(user: User = Depends(get_current_user), session: Session = Depends(get_session)):
    user.api_key = generate_api_key()
    session.add(user)
    session.commit()
    return {"api_key": user.api_key}


@router.post("/password-reset")
def request_password_reset(background: BackgroundTasks, email: str = Form(...), session: Session = Depends(get_session)):
    user = session.exec(select(User).where(User.email == email.lower())).first()
    if user is not None:
        token = generate_reset_token()
        redis_client().setex(f"orderly:reset:{token}", 3600, user.id)
        log.info("password reset issued for user %s", user.id)
    return {"ok": True}
