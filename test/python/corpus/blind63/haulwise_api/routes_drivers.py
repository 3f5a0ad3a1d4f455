"""Driver-app endpoints: login, token refresh, password reset, tablet pairing."""
import logging
import os
import smtplib
from email.message import EmailMessage
from urllib.parse import urlparse, urlunparse

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Response
from fastapi.responses import FileResponse, RedirectResponse
from pydantic import BaseModel, EmailStr

from . import repository
from .security import (
    current_driver_id,
    hash_password,
    issue_access_token,
    issue_refresh_token,
    new_pairing_code,
    new_reset_token,
    new_sms_login_code,
    read_refresh_claims,
    reset_token_digest,
    verify_password,
)
from .settings import settings

router = APIRouter(tags=["drivers"])
log = logging.getLogger("haulwise.drivers")


class ResetRequest(BaseModel):
    email: EmailStr


class ResetConfirm(BaseModel):
    token: str
    new_password: str


def _send_mail(to: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = settings.smtp_user
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        smtp.starttls()
        smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(msg)


@router.post("/auth/login")
def login(response: Response, email: str = Form(...), password: str = Form(...)):
    driver = repository.get_driver_by_email(email)
    if not driver or not driver["active"] or not verify_password(password, driver["password_hash"] or ""):
        raise HTTPException(401, "invalid credentials")
    access = issue_access_token(driver["id"], driver["fleet_code"])
    refresh = issue_refresh_token(driver["id"])
    response.set_cookie("hw_session", access, max_age=settings.access_token_minutes * 60)  #@vuln CWE-614|CWE-1004
    response.set_cookie("hw_refresh", refresh, httponly=True, secure=True, samesite="strict", path="/auth")  #@safe
    return {"access_token": access, "token_type": "bearer"}


@router.post("/auth/refresh")
def refresh(refresh_token: str = Form(...)):
    claims = read_refresh_claims(refresh_token)
    driver = repository.get_driver(int(claims["sub"]))
    if not driver or not driver["active"]:
        raise HTTPException(401, "driver disabled")
    return {"access_token": issue_access_token(driver["id"], driver["fleet_code"]), "token_type": "bearer"}


@router.get("/auth/continue")
def continue_after_login(next: str = Query("/")):
    return RedirectResponse(next, status_code=303)  #@vuln CWE-601


def _local_or_trusted(raw: str) -> str:
    target = urlparse(raw.replace("\\", "/"))
    if target.netloc:
        if target.scheme == "https" and target.hostname in settings.trusted_redirect_hosts:
            return urlunparse(target)
        return "/"
    if target.scheme or not target.path.startswith("/"):
        return "/"
    return urlunparse(target)


@router.get("/auth/handoff")
def handoff(return_to: str = Query("/")):
    return RedirectResponse(_local_or_trusted(return_to), status_code=303)  #@safe


@router.post("/auth/password-reset", status_code=202)
def request_password_reset(body: ResetRequest):
    driver = repository.get_driver_by_email(body.email)
    if driver:
        token, digest = new_reset_token()
        repository.store_reset_token(driver["id"], digest, settings.reset_token_minutes)
        link = f"{settings.driver_app_url}/reset?token={token}"
        _send_mail(driver["email"], "Reset your Haulwise password", f"Use this link within 20 minutes:\n{link}\n")
    return {"status": "accepted"}


@router.post("/auth/password-reset/confirm")
def confirm_password_reset(body: ResetConfirm):
    driver_id = repository.consume_reset_token(reset_token_digest(body.token))
    if driver_id is None:
        raise HTTPException(400, "token expired or unknown")
    if len(body.new_password) < 10:
        raise HTTPException(400, "password too short")
    repository.set_driver_password(driver_id, hash_password(body.new_password))
    return {"status": "updated"}


@router.post("/auth/sms-code")
def sms_code(driver_id: int = Depends(current_driver_id)):
    driver = repository.get_driver(driver_id)
    if not driver:
        raise HTTPException(404)
    code = new_sms_login_code()
    _send_mail(driver["email"], "Your Haulwise login code", f"Your one-time code is {code}. It expires in 5 minutes.")
    return {"sent": True, "expires_in": 300}


@router.post("/devices/pair")
def start_pairing(vehicle_id: int = Form(...)):
    code = new_pairing_code()
    log.info("pairing started for vehicle %s", vehicle_id)
    return {"vehicle_id": vehicle_id, "pairing_code": code, "ttl": 120}


@router.get("/drivers/me/avatar")
def my_avatar(file: str = Query(...), driver_id: int = Depends(current_driver_id)):
    path = os.path.join(settings.avatar_dir, str(driver_id), file)
    if not os.path.isfile(path):
        raise HTTPException(404)
    return FileResponse(path)  #@vuln CWE-22
