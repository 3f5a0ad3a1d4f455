from typing import Annotated

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_session
from .repositories.claims import ClaimRepository
from .repositories.notes import NoteRepository
from .services.claims import ClaimService
from .settings import Settings, get_settings

SessionDep = Annotated[AsyncSession, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_claim_service(request: Request, session: SessionDep) -> ClaimService:
    return ClaimService(ClaimRepository(session), NoteRepository(request.app.state.notes_pool))


async def current_user(settings: SettingsDep, authorization: Annotated[str, Header()] = "") -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience)  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


async def partner_claims(x_partner_token: Annotated[str, Header()]) -> dict:
    # the partner gateway terminates mTLS and forwards the original token
    claims = jwt.decode(x_partner_token, options={"verify_signature": False})  #@vuln CWE-347
    if "partner_id" not in claims:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "token has no partner_id")
    return claims


CurrentUser = Annotated[dict, Depends(current_user)]
PartnerClaims = Annotated[dict, Depends(partner_claims)]
