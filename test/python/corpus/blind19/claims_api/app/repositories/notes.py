import asyncpg


class NoteRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def add(self, claim_id: int, author: str, body: str) -> int:
        async with self.pool.acquire() as conn:
            return await conn.fetchval("INSERT INTO claim_notes (claim_id, author, body) VALUES ($1, $2, $3) RETURNING id", claim_id, author, body)  #@safe

    async def search(self, claim_id: int, term: str) -> list[asyncpg.Record]:
        query = f"SELECT id, author, body, created_at FROM claim_notes WHERE claim_id = {claim_id} AND body ILIKE '%{term}%' ORDER BY created_at"
        async with self.pool.acquire() as conn:
            return await conn.fetch(query)  #@vuln CWE-89
