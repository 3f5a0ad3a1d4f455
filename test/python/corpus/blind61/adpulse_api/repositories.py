"""Data access for campaigns, creatives, saved reports and users."""
from __future__ import annotations

import json
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

CAMPAIGN_COLUMNS = "id, advertiser_id, name, status, budget_micros, landing_url, created_at"


class CampaignRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def get(self, advertiser_id: int, campaign_id: int) -> dict[str, Any] | None:
        result = await self.session.execute(  #@safe
            text(f"SELECT {CAMPAIGN_COLUMNS} FROM campaigns WHERE id = :id AND advertiser_id = :adv"),
            {"id": campaign_id, "adv": advertiser_id},
        )
        row = result.mappings().first()
        return dict(row) if row else None

    async def search(self, advertiser_id: int, name: str | None, status: str | None, sort: str) -> list[dict]:
        sql = f"SELECT {CAMPAIGN_COLUMNS} FROM campaigns WHERE advertiser_id = :adv"
        params: dict[str, Any] = {"adv": advertiser_id}
        if name:
            sql += " AND name ILIKE :name"
            params["name"] = f"%{name}%"
        if status:
            sql += " AND status = '%s'" % status
        sql += " ORDER BY " + sort + " LIMIT 200"
        result = await self.session.execute(text(sql), params)  #@vuln CWE-89
        return [dict(r) for r in result.mappings().all()]

    async def create(self, advertiser_id: int, name: str, budget_micros: int, landing_url: str) -> int:
        result = await self.session.execute(
            text(
                "INSERT INTO campaigns (advertiser_id, name, status, budget_micros, landing_url) "
                "VALUES (:adv, :name, 'draft', :budget, :url) RETURNING id"
            ),
            {"adv": advertiser_id, "name": name, "budget": budget_micros, "url": landing_url},
        )
        return result.scalar_one()

    async def bulk_update_status(self, advertiser_id: int, ids: list[str], status: str) -> int:
        id_list = ",".join(ids)
        result = await self.session.execute(  #@vuln CWE-89
            text(f"UPDATE campaigns SET status = :status WHERE advertiser_id = :adv AND id IN ({id_list})"),
            {"status": status, "adv": advertiser_id},
        )
        return result.rowcount


class CreativeRepository:
    def __init__(self, pool: asyncpg.Pool):
        self.pool = pool

    async def by_ids(self, advertiser_id: int, ids: list[int]) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, name, width, height, html, tags FROM creatives "
                "WHERE advertiser_id = $1 AND id = ANY($2::bigint[])",
                advertiser_id,
                ids,
            )

    async def update_tags(self, creative_id: int, tags: str) -> None:
        sql = "UPDATE creatives SET tags = string_to_array('{}', ','), updated_at = now() WHERE id = {}".format(tags, creative_id)
        async with self.pool.acquire() as conn:
            await conn.execute(sql)  #@vuln CWE-89

    async def add_media(self, creative_id: int, urls: list[str]) -> None:
        async with self.pool.acquire() as conn:
            await conn.executemany(
                "INSERT INTO creative_media (creative_id, url) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                [(creative_id, u) for u in urls],
            )


class SavedReportRepository:
    def __init__(self, pool: asyncpg.Pool):
        self.pool = pool

    async def get(self, advertiser_id: int, report_id: int) -> dict[str, Any] | None:
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow(
                "SELECT id, name, definition, tags, share_token FROM saved_reports WHERE id = $1 AND advertiser_id = $2",
                report_id,
                advertiser_id,
            )
        if row is None:
            return None
        data = dict(row)
        data["definition"] = json.loads(data["definition"] or "{}")
        return data

    async def by_share_token(self, token: str) -> dict[str, Any] | None:
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow("SELECT id, name, definition FROM saved_reports WHERE share_token = $1", token)
        return dict(row) if row else None

    async def save(self, advertiser_id: int, name: str, definition: dict, share_token: str | None = None) -> int:
        async with self.pool.acquire() as conn:
            return await conn.fetchval(
                "INSERT INTO saved_reports (advertiser_id, name, definition, share_token) VALUES ($1, $2, $3::jsonb, $4) RETURNING id",
                advertiser_id,
                name,
                json.dumps(definition),
                share_token,
            )

    async def find_by_tag(self, advertiser_id: int, tag: str) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(  #@vuln CWE-89
                "SELECT id, name, updated_at FROM saved_reports WHERE advertiser_id = " + str(advertiser_id)
                + " AND '" + tag + "' = ANY(tags) ORDER BY updated_at DESC"
            )


class UserRepository:
    def __init__(self, pool: asyncpg.Pool):
        self.pool = pool

    async def by_email(self, email: str) -> asyncpg.Record | None:
        async with self.pool.acquire() as conn:
            return await conn.fetchrow(  #@safe
                "SELECT id, advertiser_id, email, role, password_hash FROM users WHERE lower(email) = lower($1)",
                email,
            )

    async def by_partner_seat(self, seat_id: str) -> asyncpg.Record | None:
        async with self.pool.acquire() as conn:
            return await conn.fetchrow(
                "SELECT u.id, u.advertiser_id, u.role FROM users u JOIN partner_seats s ON s.user_id = u.id WHERE s.seat_id = $1",
                seat_id,
            )

    async def set_password_hash(self, user_id: int, password_hash: str) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute("UPDATE users SET password_hash = $1 WHERE id = $2", password_hash, user_id)

    async def set_reset_code(self, user_id: int, code: str) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                "UPDATE users SET reset_code = $1, reset_expires = now() + interval '30 minutes' WHERE id = $2",
                code,
                user_id,
            )

    async def audit_log(self, user_id: int, action: str, detail: str) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(  #@vuln CWE-89
                f"INSERT INTO audit_log (user_id, action, detail, created_at) VALUES ({user_id}, '{action}', '{detail}', now())"
            )
