from typing import Annotated, Any

import jwt
from fastapi import APIRouter, Body, Depends, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from .actors import repo, score_claim
from .repository import SignalRepository
from .settings import get_settings

settings = get_settings()


def require_analyst(authorization: Annotated[str, Header()] = "") -> dict:
    token = authorization.removeprefix("Bearer ").strip()
    try:
        claims = jwt.decode(token, settings.jwt_public_key, algorithms=["RS256"], audience="fraud-api")  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(401, "invalid token") from exc
    if "fraud-analyst" not in claims.get("roles", []):
        raise HTTPException(403, "analyst role required")
    return claims


def get_repo() -> SignalRepository:
    return repo


router = APIRouter(prefix="/fraud", tags=["fraud"], dependencies=[Depends(require_analyst)])
RepoDep = Annotated[SignalRepository, Depends(get_repo)]


@router.post("/signals/search")
async def search_signals(repo: RepoDep, body: Annotated[dict[str, Any], Body()]) -> list[dict]:
    criteria = body.get("criteria", {})
    return await run_in_threadpool(repo.search, criteria, int(body.get("limit", 100)))


@router.get("/signals/by-field")
async def signals_by_field(repo: RepoDep, field: str, value: str) -> list[dict]:
    return await run_in_threadpool(repo.matching_field, field, value)


@router.get("/claims/{claim_id}/signals")
async def claim_signals(repo: RepoDep, claim_id: str, min_score: float = 0.5) -> list[dict]:
    return await run_in_threadpool(repo.for_claim, claim_id, min_score)


@router.post("/claims/score", status_code=202)
async def enqueue_score(request: Request) -> dict:
    payload = (await request.body()).decode("utf-8")
    message = score_claim.send(payload)
    return {"message_id": message.message_id}
