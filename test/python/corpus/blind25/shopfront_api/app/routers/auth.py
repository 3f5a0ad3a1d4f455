from urllib.parse import urlparse

import httpx
from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, Response, status
from fastapi.responses import RedirectResponse
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.db import User, get_session
from app.repositories import UserRepository
from app.schemas import PasswordResetRequest, ProfileUpdate
from app.security import create_access_token, generate_reset_code, get_current_user, require_admin, verify_password
from app.services import send_reset_email

router = APIRouter(prefix="/auth", tags=["auth"])
settings = get_settings()


def _is_safe_redirect(url: str) -> bool:
    parsed = urlparse(url)
    if not parsed.scheme and not parsed.netloc:
        return url.startswith("/") and not url.startswith("//") and "\\" not in url
    return parsed.scheme == "https" and parsed.hostname in settings.allowed_redirect_hosts


@router.post("/token")
async def login(response: Response, form: OAuth2PasswordRequestForm = Depends(), session: AsyncSession = Depends(get_session)):
    user = await UserRepository(session).find_by_login(form.username)
    if user is None or not verify_password(form.password, user.password_hash):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    token = create_access_token(str(user.id), {"tenant_id": user.tenant_id, "role": user.role})
    refresh = create_access_token(str(user.id), {"typ": "refresh"})
    response.set_cookie("shop_session", token, max_age=settings.access_token_ttl_minutes * 60, samesite="lax")  #@vuln CWE-614|CWE-1004
    response.set_cookie("shop_refresh", refresh, max_age=14 * 86400, path="/auth", secure=True, httponly=True, samesite="strict")  #@safe
    return {"access_token": token, "token_type": "bearer"}


@router.get("/sso/callback")
async def sso_callback(code: str, next: str = "/dashboard", session: AsyncSession = Depends(get_session)):
    async with httpx.AsyncClient(base_url=settings.sso_base_url, timeout=10) as client:
        resp = await client.post(
            "/oauth/token",
            data={"grant_type": "authorization_code", "code": code, "client_id": settings.sso_client_id, "client_secret": settings.sso_client_secret},
        )
    if resp.status_code != 200:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "sso exchange failed")
    user = await UserRepository(session).get_by_email(resp.json()["email"])
    if user is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "no shop account for this identity")
    token = create_access_token(str(user.id), {"tenant_id": user.tenant_id, "role": user.role})
    redirect = RedirectResponse(next, status_code=status.HTTP_302_FOUND)  #@vuln CWE-601
    redirect.set_cookie("shop_session", token, max_age=settings.access_token_ttl_minutes * 60, secure=True, httponly=True, samesite="lax")  #@safe
    return redirect


@router.get("/logout")
async def logout(return_to: str = "/"):
    target = return_to if _is_safe_redirect(return_to) else "/"
    redirect = RedirectResponse(target, status_code=status.HTTP_302_FOUND)  #@safe
    redirect.delete_cookie("shop_session")
    redirect.delete_cookie("shop_refresh", path="/auth")
    return redirect


@router.post("/password-reset", status_code=status.HTTP_202_ACCEPTED)
async def request_password_reset(body: PasswordResetRequest, background: BackgroundTasks, session: AsyncSession = Depends(get_session)):
    repo = UserRepository(session)
    user = await repo.get_by_email(body.email)
    if user is not None:
        code = generate_reset_code()
        await repo.store_reset_code(user.id, code)
        background.add_task(send_reset_email, user.email, code)
    return {"status": "if the account exists, an e-mail is on its way"}


@router.get("/me")
async def me(user: User = Depends(get_current_user)):
    return {"id": user.id, "email": user.email, "display_name": user.display_name, "role": user.role}


@router.patch("/me", status_code=status.HTTP_204_NO_CONTENT)
async def update_me(body: ProfileUpdate, user: User = Depends(get_current_user), session: AsyncSession = Depends(get_session)):
    await UserRepository(session).update_profile(user.id, body.model_dump(exclude_unset=True))


@router.get("/users")
async def user_directory(q: str = Query(..., min_length=2), admin: User = Depends(require_admin), session: AsyncSession = Depends(get_session)):
    return await UserRepository(session).search(admin.tenant_id, q)
