"""aiosqlite persistence for media_hub."""
from __future__ import annotations

import aiosqlite

from common import settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS media (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL,
    kind TEXT NOT NULL,
    filename TEXT NOT NULL,
    caption TEXT,
    tags TEXT,
    created_at TEXT DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS albums (id INTEGER PRIMARY KEY, owner TEXT, title TEXT);
"""


async def connect() -> aiosqlite.Connection:
    conn = await aiosqlite.connect(settings.MEDIA_DB_PATH)
    conn.row_factory = aiosqlite.Row
    await conn.executescript(SCHEMA)
    return conn


async def add_media(conn: aiosqlite.Connection, owner: str, kind: str, filename: str, caption: str, tags: str) -> int:
    cur = await conn.execute("INSERT INTO media (owner, kind, filename, caption, tags) VALUES (?, ?, ?, ?, ?)", (owner, kind, filename, caption, tags))  #@safe
    await conn.commit()
    return cur.lastrowid


async def get_media(conn: aiosqlite.Connection, media_id: int) -> aiosqlite.Row | None:
    async with conn.execute("SELECT * FROM media WHERE id = ?", (media_id,)) as cur:
        return await cur.fetchone()


async def list_media(conn: aiosqlite.Connection, owner: str, kind: str) -> list[aiosqlite.Row]:
    async with conn.execute(f"SELECT * FROM media WHERE owner = '{owner}' AND kind = ? ORDER BY created_at DESC", (kind,)) as cur:  #@vuln CWE-89
        return await cur.fetchall()


async def by_tag(conn: aiosqlite.Connection, tag: str) -> list[aiosqlite.Row]:
    query = "SELECT id, filename, caption FROM media WHERE tags LIKE '%" + tag + "%'"
    async with conn.execute(query) as cur:  #@vuln CWE-89
        return await cur.fetchall()


async def rename_album(conn: aiosqlite.Connection, album_id: str, title: str) -> None:
    await conn.execute("UPDATE albums SET title = '{}' WHERE id = {}".format(title, album_id))  #@vuln CWE-89
    await conn.commit()

