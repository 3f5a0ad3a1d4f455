from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from ..deps import current_user, get_claim_service
from ..schemas import ClaimFilter, NoteIn, RulePreview
from ..services.claims import ClaimService

router = APIRouter(prefix="/claims", tags=["claims"], dependencies=[Depends(current_user)])
ServiceDep = Annotated[ClaimService, Depends(get_claim_service)]


@router.get("/search")
async def search_claims(svc: ServiceDep, flt: Annotated[ClaimFilter, Query()]) -> list[dict]:
    return await svc.search(flt)


@router.get("/reports/products")
async def product_totals(svc: ServiceDep, product: str = "") -> list[dict]:
    return await svc.product_totals(product)


@router.get("/{claim_id}/summary", response_class=HTMLResponse)
async def claim_summary(claim_id: int, svc: ServiceDep, highlight: str = ""):
    claim = await svc.get(claim_id)
    body = f"<h1>Claim #{claim.id}</h1><p class='hl'>Matches for: {highlight}</p><pre>{claim.description}</pre>"
    return HTMLResponse(content=body)  #@vuln CWE-79


@router.post("/{claim_id}/notes", status_code=201)
async def add_note(claim_id: int, note: NoteIn, svc: ServiceDep) -> dict:
    return {"id": await svc.add_note(claim_id, note.author, note.body)}


@router.get("/{claim_id}/notes")
async def search_notes(claim_id: int, svc: ServiceDep, q: str = "") -> list[dict]:
    rows = await svc.search_notes(claim_id, q)
    return [dict(r) for r in rows]


@router.post("/{claim_id}/rules/preview")
async def preview_rule(claim_id: int, body: RulePreview, svc: ServiceDep) -> dict:
    return {"matches": await svc.preview_rule(claim_id, body.expression)}
