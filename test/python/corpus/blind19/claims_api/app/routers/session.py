from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Header, Response
from fastapi.responses import RedirectResponse

from ..deps import CurrentUser
from ..services.tokens import new_upload_token
from ..settings import get_settings

settings = get_settings()
router = APIRouter(prefix="/session", tags=["session"])


@router.post("/cookie")
async def issue_session_cookie(response: Response, user: CurrentUser, authorization: Annotated[str, Header()]) -> dict:
    token = authorization.partition(" ")[2]
    response.set_cookie(settings.session_cookie_name, token, max_age=3600, samesite="lax")  #@vuln CWE-614|CWE-1004
    return {"user": user["sub"]}


@router.post("/upload-token")
async def issue_upload_token(response: Response, user: CurrentUser) -> dict:
    response.set_cookie("upload_token", new_upload_token(), max_age=900, secure=True, httponly=True, samesite="strict")  #@safe
    return {"user": user["sub"], "expires_in": 900}


@router.get("/continue")
async def continue_to(next: str = "/"):
    return RedirectResponse(next, status_code=303)  #@vuln CWE-601


def _is_allowed_target(target: str) -> bool:
    parts = urlsplit(target)
    if parts.netloc:
        return parts.scheme == "https" and parts.netloc in settings.allowed_redirect_hosts
    return target.isprintable() and not parts.scheme and target.startswith("/") and not target.startswith("//") and "\\" not in target


@router.get("/return")
async def return_to(target: str = "/"):
    if not _is_allowed_target(target):
        target = "/"
    return RedirectResponse(target, status_code=303)  #@safe
