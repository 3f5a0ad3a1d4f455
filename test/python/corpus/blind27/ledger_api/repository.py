"""asyncpg data access for the ledger service."""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

import asyncpg

SORTABLE_COLUMNS = {"created_at", "amount", "counterparty"}


async def create_pool(dsn: str) -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn=dsn, min_size=2, max_size=10, command_timeout=30)


async def get_account(pool: asyncpg.Pool, account_id: int) -> asyncpg.Record | None:
    async with pool.acquire() as conn:
        return await conn.fetchrow("SELECT id, owner_id, currency, balance FROM accounts WHERE id = $1", account_id)


async def find_user(pool: asyncpg.Pool, username: str) -> asyncpg.Record | None:
    async with pool.acquire() as conn:
        return await conn.fetchrow("SELECT id, username, password_hash, role FROM users WHERE username = $1", username)


async def transactions_for(pool: asyncpg.Pool, account_id: int, sort: str, limit: int = 100) -> list[asyncpg.Record]:
    column = sort if sort in SORTABLE_COLUMNS else "created_at"
    async with pool.acquire() as conn:
        return await conn.fetch(f"SELECT id, amount, memo, counterparty, created_at FROM transactions WHERE account_id = $1 ORDER BY {column} DESC LIMIT $2", account_id, limit)  #@safe


async def search_memo(pool: asyncpg.Pool, owner_id: int, term: str) -> list[asyncpg.Record]:
    async with pool.acquire() as conn:
        return await conn.fetch("SELECT t.id, t.amount, t.memo FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE a.owner_id = " + str(owner_id) + " AND t.memo ILIKE '%" + term + "%'")  #@vuln CWE-89


async def statement(pool: asyncpg.Pool, account_id: int, start: str, end: str) -> list[asyncpg.Record]:
    sql = f"""
        SELECT id, amount, memo, created_at
          FROM transactions
         WHERE account_id = {account_id}
           AND created_at BETWEEN '{start}' AND '{end}'
         ORDER BY created_at
    """
    async with pool.acquire() as conn:
        return await conn.fetch(sql)  #@vuln CWE-89


async def filter_transactions(pool: asyncpg.Pool, account_id: int, filters: dict[str, Any]) -> list[asyncpg.Record]:
    clauses = [f"{key} = '{value}'" for key, value in filters.items()]
    where = " AND ".join(["account_id = $1", *clauses])
    async with pool.acquire() as conn:
        return await conn.fetch("SELECT * FROM transactions WHERE " + where, account_id)  #@vuln CWE-89


async def transactions_by_ids(pool: asyncpg.Pool, ids: Iterable[int]) -> list[asyncpg.Record]:
    ids = [int(i) for i in ids]
    placeholders = ", ".join(f"${n}" for n in range(1, len(ids) + 1))
    async with pool.acquire() as conn:
        return await conn.fetch(f"SELECT * FROM transactions WHERE id IN ({placeholders})", *ids)  #@safe


async def update_email(pool: asyncpg.Pool, user_id: int, email: str) -> None:
    async with pool.acquire() as conn:
        await conn.execute("UPDATE users SET email = '%s', updated_at = now() WHERE id = %d" % (email, user_id))  #@vuln CWE-89


async def store_reset_token(pool: asyncpg.Pool, user_id: int, token: str) -> None:
    expires = dt.datetime.utcnow() + dt.timedelta(hours=2)
    async with pool.acquire() as conn:
        await conn.execute("INSERT INTO password_resets (user_id, token, expires_at) VALUES ($1, $2, $3)", user_id, token, expires)


async def add_transaction(pool: asyncpg.Pool, account_id: int, amount: str, memo: str, counterparty: str) -> int:
    async with pool.acquire() as conn:
        async with conn.transaction():
            row = await conn.fetchrow("INSERT INTO transactions (account_id, amount, memo, counterparty) VALUES ($1, $2::numeric, $3, $4) RETURNING id", account_id, amount, memo, counterparty)
            await conn.execute("UPDATE accounts SET balance = balance + $1::numeric WHERE id = $2", amount, account_id)
            return row["id"]
