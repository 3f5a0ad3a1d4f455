import html
from pathlib import Path

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from pymongo import MongoClient

from ..services.storage import DocumentStorage
from ..settings import settings

router = APIRouter()
storage = DocumentStorage(settings.storage_root)
collection = MongoClient(settings.mongo_uri)["docs"]["documents"]


def _serialize(cursor):
    return [{"id": str(d["_id"]), "slug": d.get("slug"), "title": d.get("title")} for d in cursor]


@router.get("/raw")
async def raw(name: str = Query(...)):
    return FileResponse(Path(settings.storage_root) / name)  #@vuln CWE-22


@router.get("/file")
async def get_file(name: str = Query(...)):
    try:
        path = storage.resolve(name)
    except ValueError:
        raise HTTPException(status_code=400, detail="invalid name")
    return FileResponse(path)  #@safe


@router.post("/search")
async def search(request: Request):
    body = await request.json()
    cursor = collection.find(body.get("filter", {})).limit(50)  #@vuln CWE-943
    return _serialize(cursor)


@router.get("/by-owner")
async def by_owner(owner: str):
    cursor = collection.find({"owner": str(owner), "deleted": False}).limit(50)  #@safe
    return _serialize(cursor)


@router.get("/tagged")
async def tagged(tag: str):
    cursor = collection.find({"$where": f"this.tags && this.tags.indexOf('{tag}') >= 0"})  #@vuln CWE-943
    return _serialize(cursor.limit(50))


@router.get("/preview/{slug}", response_class=HTMLResponse)
async def preview(slug: str, highlight: str = ""):
    doc = collection.find_one({"slug": slug})
    if not doc:
        raise HTTPException(status_code=404)
    body = html.escape(doc.get("body", ""))
    return HTMLResponse(f"<article><p class='hl'>{highlight}</p>{body}</article>")  #@vuln CWE-79


@router.get("/title/{slug}", response_class=HTMLResponse)
async def title(slug: str):
    doc = collection.find_one({"slug": slug}) or {}
    return HTMLResponse(f"<h1>{html.escape(doc.get('title', 'Untitled'))}</h1>")  #@safe


@router.get("/open")
async def open_external(url: str):
    collection.database["clicks"].insert_one({"url": url})
    return RedirectResponse(url)  #@vuln CWE-601
