import os
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse
from pydantic import BaseModel, HttpUrl

from ..deps import current_user, get_claim_service
from ..services.claims import ClaimService
from ..settings import get_settings

settings = get_settings()
router = APIRouter(prefix="/claims/{claim_id}/documents", tags=["documents"], dependencies=[Depends(current_user)])


class RemoteAttachment(BaseModel):
    url: HttpUrl
    filename: str


@router.get("/files/{filename:path}")
async def download_document(claim_id: int, filename: str):
    path = os.path.join(settings.document_root, str(claim_id), filename)
    return FileResponse(path, filename=os.path.basename(path))  #@vuln CWE-22


@router.get("/letters/{name}")
async def download_letter(claim_id: int, name: str):
    base = os.path.realpath(os.path.join(settings.document_root, "letters", str(claim_id)))
    target = os.path.realpath(os.path.join(base, os.path.basename(name)))
    if os.path.commonpath([base, target]) != base or not os.path.isfile(target):
        raise HTTPException(404, "letter not found")
    return FileResponse(target, media_type="application/pdf")  #@safe


@router.post("/remote", status_code=201)
async def attach_remote(claim_id: int, body: RemoteAttachment, svc: Annotated[ClaimService, Depends(get_claim_service)]) -> dict:
    saved = await svc.attach_remote(claim_id, str(body.url), body.filename)
    return {"stored_as": saved.name}
