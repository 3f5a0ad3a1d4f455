import os
import tempfile
from typing import Annotated

import aiosqlite
from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import MediaType, RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body
from litestar.response import File
from lxml import etree

from .config import cfg
from .remote import fetch_partner_document, fetch_remote_document
from .rendering import render_card
from .storage import DocumentStorage

storage = DocumentStorage(cfg)


async def _fetch_one(sql: str, params: tuple = ()) -> dict | None:
    async with aiosqlite.connect(cfg.db_path) as db:
        db.row_factory = aiosqlite.Row
        cursor = await db.execute(sql, params)
        row = await cursor.fetchone()
    return dict(row) if row else None


class DocumentController(Controller):
    path = "/documents"

    @get("/")
    async def list_documents(self, owner: str, status: str = "published") -> list[dict]:
        async with aiosqlite.connect(cfg.db_path) as db:
            db.row_factory = aiosqlite.Row
            cursor = await db.execute(f"SELECT id, title, owner FROM documents WHERE owner = '{owner}' AND status = '{status}'")  #@vuln CWE-89
            rows = await cursor.fetchall()
        return [dict(r) for r in rows]

    @get("/{doc_id:int}")
    async def get_document(self, doc_id: int) -> dict:
        async with aiosqlite.connect(cfg.db_path) as db:
            db.row_factory = aiosqlite.Row
            cursor = await db.execute("SELECT id, title, body FROM documents WHERE id = ?", (doc_id,))  #@safe
            row = await cursor.fetchone()
        if row is None:
            raise NotFoundException()
        return dict(row)

    @get("/{doc_id:int}/card", media_type=MediaType.HTML)
    async def card(self, doc_id: int, highlight: str = "") -> str:
        doc = await _fetch_one("SELECT title, tags FROM documents WHERE id = ?", (doc_id,))
        if doc is None:
            raise NotFoundException()
        return render_card(doc["title"], highlight, (doc["tags"] or "").split(","))

    @get("/search", media_type=MediaType.HTML)
    async def search(self, q: str = "") -> str:
        return f"<p>No documents matched <b>{q}</b>. Try a broader term.</p>"  #@vuln CWE-79

    @get("/files/{name:path}")
    async def raw_file(self, name: str) -> File:
        return File(path=os.path.join(cfg.storage_root, "files", name.lstrip("/")))  #@vuln CWE-22

    @get("/s3/{key:path}")
    async def from_s3(self, key: str) -> File:
        local = storage.fetch_to_local(key.lstrip("/"))
        return File(path=local, filename=os.path.basename(local))

    @get("/{doc_id:int}/attachments/{filename:str}")
    async def attachment(self, doc_id: int, filename: str) -> File:
        return File(path=storage.fetch_attachment(doc_id, filename))

    @post("/bundles")
    async def upload_bundle(
        self, data: Annotated[UploadFile, Body(media_type=RequestEncodingType.MULTI_PART)]
    ) -> dict:
        tmp_path = tempfile.mktemp(suffix=".zip", prefix="bundle-")  #@vuln CWE-377
        with open(tmp_path, "wb") as fh:
            fh.write(await data.read())
        dest = os.path.join(cfg.storage_root, "bundles")
        if (data.filename or "").endswith((".tar", ".tar.gz", ".tgz")):
            names = storage.unpack_tarball(tmp_path, dest)
        else:
            names = storage.unpack_bundle(tmp_path, dest)
        os.unlink(tmp_path)
        return {"files": names}

    @post("/archives")
    async def upload_archive(
        self, data: Annotated[UploadFile, Body(media_type=RequestEncodingType.MULTI_PART)]
    ) -> dict:
        with tempfile.NamedTemporaryFile(suffix=".tar.gz", delete=False) as tmp:  #@safe
            tmp.write(await data.read())
        try:
            names = storage.unpack_tarball_checked(tmp.name, os.path.join(cfg.storage_root, "archives"))
        finally:
            os.unlink(tmp.name)
        return {"files": names}

    @post("/import-xml")
    async def import_xml(self, request: Request) -> dict:
        raw = await request.body()
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=True, no_network=False))  #@vuln CWE-611
        return {"title": root.findtext("title"), "sections": len(root.findall("section"))}

    @post("/import-url")
    async def import_url(self, data: dict) -> dict:
        if data.get("partner"):
            content = await fetch_partner_document(data["url"])
        else:
            content = await fetch_remote_document(data["url"])
        key = f"imports/{data['name']}"
        storage.s3.put_object(Bucket=cfg.bucket, Key=key, Body=content)
        return {"key": key, "size": len(content)}
