"""Matter administration: protocols, saved searches, webhooks, guests, intake."""
from __future__ import annotations

import pickle
from typing import Optional

import jwt
import yaml
import defusedxml.ElementTree as DefusedET
from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from pydantic import BaseModel, EmailStr
from sqlmodel import Session

from lexvault.api.db import get_session
from lexvault.api.models import ApiKey, AppUser, Matter, SavedSearch, Webhook
from lexvault.api.repository import SavedSearchRepository
from lexvault.api.routes_auth import current_user, require_admin
from lexvault.common.net import host_allowed, post_event, post_registered_event
from lexvault.common.security import hash_api_key, hash_guest_password, new_api_key, new_share_token
from lexvault.common.settings import get_settings
from lexvault.workers.ingest_tasks import fetch_remote_production

settings = get_settings()
router = APIRouter(prefix="/matters", tags=["matters"])

PROTOCOL_KEYS = {"issues", "privilege_bases", "responsiveness", "coding_layout", "second_level"}


class WebhookTest(BaseModel):
    url: str


class WebhookRegistration(BaseModel):
    url: str
    event: str = "production.completed"


class RemoteImport(BaseModel):
    source_url: str
    archive_name: str


class GuestInvite(BaseModel):
    email: EmailStr
    display_name: Optional[str] = None
    temp_password: str


class TextSetting(BaseModel):
    value: str


def _matter_or_404(session: Session, matter_id: int) -> Matter:
    matter = session.get(Matter, matter_id)
    if matter is None:
        raise HTTPException(status_code=404, detail="matter not found")
    return matter


@router.post("/{matter_id}/review-protocol")
async def upload_review_protocol(matter_id: int, file: UploadFile = File(...), user: dict = Depends(require_admin),
                                 session: Session = Depends(get_session)):
    matter = _matter_or_404(session, matter_id)
    protocol = yaml.load(await file.read(), Loader=yaml.Loader)  #@vuln CWE-502
    if not isinstance(protocol, dict) or not set(protocol) <= PROTOCOL_KEYS:
        raise HTTPException(status_code=422, detail="unrecognised protocol sections")
    matter.review_protocol = protocol
    session.add(matter)
    session.commit()
    return {"sections": sorted(protocol)}


@router.post("/{matter_id}/custodian-manifest")
async def upload_custodian_manifest(matter_id: int, file: UploadFile = File(...), user: dict = Depends(require_admin)):
    root = DefusedET.fromstring(await file.read())  #@safe
    return {"custodians": [{"name": n.findtext("name", default="").strip(), "email": n.findtext("email", default="").strip(),
                            "hold_date": n.findtext("holdDate", default="")} for n in root.iter("custodian")]}


@router.post("/{matter_id}/saved-searches/import")
async def import_saved_searches(matter_id: int, file: UploadFile = File(...), user: dict = Depends(current_user),
                                session: Session = Depends(get_session)):
    searches = pickle.loads(await file.read())  #@vuln CWE-502
    created = 0
    for item in searches:
        session.add(SavedSearch(matter_id=matter_id, owner_id=int(user["sub"]), name=item["name"], query=item["query"]))
        created += 1
    session.commit()
    return {"imported": created}


@router.delete("/{matter_id}/saved-searches/{name}")
def delete_saved_search(matter_id: int, name: str, user: dict = Depends(current_user),
                        session: Session = Depends(get_session)):
    SavedSearchRepository(session).delete_by_name(matter_id, int(user["sub"]), name)
    return {"deleted": name}


@router.put("/{matter_id}/cover-template")
def set_cover_template(matter_id: int, body: TextSetting, user: dict = Depends(require_admin),
                       session: Session = Depends(get_session)):
    matter = _matter_or_404(session, matter_id)
    matter.cover_template = body.value
    session.add(matter)
    session.commit()
    return {"updated": True}


@router.put("/{matter_id}/redaction-rules")
def set_redaction_rules(matter_id: int, body: TextSetting, user: dict = Depends(require_admin),
                        session: Session = Depends(get_session)):
    matter = _matter_or_404(session, matter_id)
    matter.redaction_rules = body.value
    session.add(matter)
    session.commit()
    return {"updated": True}


@router.post("/{matter_id}/webhooks/test")
def test_webhook(matter_id: int, body: WebhookTest, user: dict = Depends(require_admin)):
    status = post_event(body.url, {"event": "ping", "matter_id": matter_id})
    return {"status": status}


@router.post("/{matter_id}/webhooks")
def register_webhook(matter_id: int, body: WebhookRegistration, user: dict = Depends(require_admin),
                     session: Session = Depends(get_session)):
    if not host_allowed(body.url, settings.webhook_allowed_hosts):
        raise HTTPException(status_code=400, detail="webhook host must be registered with LexVault support")
    hook = Webhook(matter_id=matter_id, url=body.url, secret=new_share_token(), event=body.event)
    session.add(hook)
    session.commit()
    post_registered_event(hook.url, {"event": "ping", "matter_id": matter_id}, hook.secret)
    return {"id": hook.id, "secret": hook.secret}


@router.post("/{matter_id}/imports/remote")
def import_remote(matter_id: int, body: RemoteImport, user: dict = Depends(require_admin)):
    task = fetch_remote_production.delay(matter_id, body.source_url, body.archive_name)
    return {"task_id": task.id}


@router.post("/{matter_id}/guests")
def invite_guest(matter_id: int, body: GuestInvite, user: dict = Depends(require_admin),
                 session: Session = Depends(get_session)):
    guest = AppUser(email=body.email, display_name=body.display_name, password_hash=hash_guest_password(body.temp_password),
                    role="guest_reviewer", is_guest=True)
    session.add(guest)
    session.commit()
    return {"id": guest.id}


@router.post("/{matter_id}/api-keys")
def create_api_key(matter_id: int, label: str, user: dict = Depends(current_user),
                   session: Session = Depends(get_session)):
    raw = new_api_key()
    session.add(ApiKey(user_id=int(user["sub"]), label=label, key_hash=hash_api_key(raw)))
    session.commit()
    return {"api_key": raw}


@router.post("/intake/notifications")
async def intake_notification(request: Request):
    """Collection vendor notifies us that a custodian's collection is ready."""
    token = request.headers.get("X-Intake-Token", "")
    claims = jwt.decode(token, settings.intake_secret, algorithms=["HS256"], options={"verify_signature": False})  #@vuln CWE-347
    task = fetch_remote_production.delay(int(claims["matter_id"]), claims["download_url"], claims["archive"])
    return {"accepted": True, "task_id": task.id}
