from datetime import datetime, timezone
from pathlib import Path

from fastapi import HTTPException

from ..clients.partner import fetch_remote_document
from ..models import Claim
from ..repositories.claims import ClaimRepository
from ..repositories.notes import NoteRepository
from ..schemas import ClaimFilter
from ..settings import get_settings
from .rules import evaluate_rule

settings = get_settings()


class ClaimService:
    def __init__(self, repo: ClaimRepository, notes: NoteRepository) -> None:
        self.repo = repo
        self.notes = notes

    async def get(self, claim_id: int) -> Claim:
        claim = await self.repo.get(claim_id)
        if claim is None:
            raise HTTPException(404, f"claim {claim_id} not found")
        return claim

    async def search(self, flt: ClaimFilter) -> list[dict]:
        return await self.repo.search(flt)

    async def product_totals(self, product: str) -> list[dict]:
        return await self.repo.totals_by_product(product)

    async def add_note(self, claim_id: int, author: str, body: str) -> int:
        await self.get(claim_id)
        return await self.notes.add(claim_id, author, body)

    async def search_notes(self, claim_id: int, term: str) -> list:
        return await self.notes.search(claim_id, term)

    async def attach_remote(self, claim_id: int, url: str, filename: str) -> Path:
        await self.get(claim_id)
        content = await fetch_remote_document(url)
        target_dir = Path(settings.document_root) / str(claim_id)
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / Path(filename).name
        target.write_bytes(content)  #@safe
        return target

    async def preview_rule(self, claim_id: int, expression: str) -> bool:
        claim = await self.get(claim_id)
        days_open = (datetime.now(timezone.utc) - claim.created_at.replace(tzinfo=timezone.utc)).days
        facts = {"amount": float(claim.amount), "status": claim.status, "adjuster": claim.adjuster, "days_open": days_open}
        return evaluate_rule(expression, facts)
