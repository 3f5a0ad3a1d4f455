"""Claim search, status changes, rule evaluation and partner notifications."""
import ast
import html
import re
from decimal import Decimal

import requests
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlmodel import Session

from claims_api.database import get_session
from claims_api.repository import ClaimRepository

router = APIRouter(prefix="/claims", tags=["claims"])


class StatusChange(BaseModel):
    status: str
    note: str = ""


class TagRequest(BaseModel):
    claim_ids: list[int]
    tag: str


class RuleCheck(BaseModel):
    expression: str


class EstimateRequest(BaseModel):
    base_amount: Decimal
    adjustments: str  # e.g. "[('deductible', -500), ('rental', 350)]"


class FraudScreen(BaseModel):
    pattern: str
    term: str | None = None


def _repo(session: Session = Depends(get_session)) -> ClaimRepository:
    return ClaimRepository(session)


def _load(repo: ClaimRepository, claim_id: int):
    claim = repo.get(claim_id)
    if claim is None:
        raise HTTPException(status_code=404, detail="claim not found")
    return claim


@router.get("")
def list_claims(
    status: str = "open",
    sort: str = Query("created_at"),
    order: str = Query("desc"),
    repo: ClaimRepository = Depends(_repo),
):
    return repo.search(status=status, sort=sort, order=order)


@router.get("/by-claimant")
def by_claimant(name: str, repo: ClaimRepository = Depends(_repo)):
    return repo.search_by_claimant(name)


@router.get("/by-policy/{policy_number}")
def by_policy(policy_number: str, repo: ClaimRepository = Depends(_repo)):
    rows = repo.find_by_policy_number(policy_number)
    return [{"id": r[0], "claim_number": r[1], "status": r[2]} for r in rows]


@router.post("/{claim_id}/status")
def change_status(claim_id: int, body: StatusChange, repo: ClaimRepository = Depends(_repo)):
    _load(repo, claim_id)
    repo.update_status(claim_id, body.status, body.note)
    return {"ok": True}


@router.post("/tags")
def tag_claims(body: TagRequest, repo: ClaimRepository = Depends(_repo)):
    return {"updated": repo.add_tags(body.claim_ids, body.tag)}


@router.get("/{claim_id}/summary", response_class=HTMLResponse)
def claim_summary(claim_id: int, highlight: str = "", repo: ClaimRepository = Depends(_repo)):
    claim = _load(repo, claim_id)
    page = (
        f"<html><body><h2>Claim {claim.claim_number}</h2>"
        f"<p>Claimant: {claim.claimant_name}</p>"
        f"<p>Loss: {claim.loss_description}</p>"
        f"<p class='hl'>Highlighted: {highlight}</p></body></html>"
    )
    return HTMLResponse(content=page)  #@vuln CWE-79


@router.get("/{claim_id}/letter", response_class=HTMLResponse)
def acknowledgement_letter(claim_id: int, repo: ClaimRepository = Depends(_repo)):
    claim = _load(repo, claim_id)
    body = (
        f"<p>Dear {html.escape(claim.claimant_name)},</p>"
        f"<p>We have received your claim {html.escape(claim.claim_number)} "
        f"regarding: {html.escape(claim.loss_description)}.</p>"
    )
    return HTMLResponse(content=body)  #@safe


@router.post("/{claim_id}/rules/check")
def check_rule(claim_id: int, body: RuleCheck, repo: ClaimRepository = Depends(_repo)):
    claim = _load(repo, claim_id)
    context = {"reserve": float(claim.reserve_amount), "status": claim.status, "loss_date": claim.loss_date}
    result = eval(body.expression, {"__builtins__": {}}, context)  #@vuln CWE-95
    return {"expression": body.expression, "result": bool(result)}


@router.post("/estimate")
def estimate(body: EstimateRequest):
    adjustments = ast.literal_eval(body.adjustments)  #@safe
    total = body.base_amount + sum(Decimal(str(amount)) for _, amount in adjustments)
    return {"estimate": str(total), "lines": len(adjustments)}


@router.post("/{claim_id}/notify-partner")
def notify_partner(claim_id: int, repo: ClaimRepository = Depends(_repo)):
    claim = _load(repo, claim_id)
    if not claim.partner_callback_url:
        raise HTTPException(status_code=400, detail="no callback registered")
    payload = {"claim_number": claim.claim_number, "status": claim.status}
    resp = requests.post(claim.partner_callback_url, json=payload, timeout=10)  #@vuln CWE-918
    return {"delivered": resp.ok, "status_code": resp.status_code}


@router.post("/{claim_id}/fraud-screen")
def fraud_screen(claim_id: int, body: FraudScreen, repo: ClaimRepository = Depends(_repo)):
    claim = _load(repo, claim_id)
    corpus = claim.notes + "\n" + claim.loss_description
    hits = re.findall(body.pattern, corpus, re.IGNORECASE)  #@vuln CWE-1333
    term_hits = 0
    if body.term:
        term_hits = len(re.findall(re.escape(body.term), claim.notes, re.IGNORECASE))  #@safe
    return {"pattern_hits": len(hits), "term_hits": term_hits}


@router.get("/reports/totals")
def totals(group_by: str = "status", repo: ClaimRepository = Depends(_repo)):
    return repo.totals(group_by)
