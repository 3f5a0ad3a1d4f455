from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Claim
from ..schemas import ClaimFilter


class ClaimRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, claim_id: int) -> Claim | None:
        return await self.session.get(Claim, claim_id)

    async def by_policy_number(self, number: str) -> list[dict]:
        stmt = text("SELECT c.id, c.status, c.amount FROM claims c JOIN policies p ON p.id = c.policy_id WHERE p.number = :num")
        result = await self.session.execute(stmt, {"num": number})  #@safe
        return [dict(row) for row in result.mappings()]

    async def search(self, flt: ClaimFilter) -> list[dict]:
        clauses = ["1=1"]
        if flt.status:
            clauses.append(f"status = '{flt.status}'")
        if flt.adjuster:
            clauses.append(f"adjuster = '{flt.adjuster}'")
        where = " AND ".join(clauses)
        sql = f"SELECT id, policy_id, status, amount, adjuster FROM claims WHERE {where} ORDER BY {flt.sort} {flt.direction} LIMIT {flt.limit}"
        result = await self.session.execute(text(sql))  #@vuln CWE-89
        return [dict(row) for row in result.mappings()]

    async def totals_by_product(self, product: str) -> list[dict]:
        result = await self.session.execute(text(f"SELECT p.product, count(*) AS n, sum(c.amount) AS total FROM claims c JOIN policies p ON p.id = c.policy_id WHERE p.product LIKE '{product}%' GROUP BY p.product"))  #@vuln CWE-89
        return [dict(row) for row in result.mappings()]
