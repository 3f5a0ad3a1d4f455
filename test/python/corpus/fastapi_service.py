"""Document service (FastAPI + SQLAlchemy)."""
import os
from pathlib import Path

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .db import Document, get_session

app = FastAPI()
DOC_ROOT = Path("/srv/docs").resolve()


@app.get("/documents/search")
def search_documents(q: str, session: Session = Depends(get_session)):
    rows = session.execute(text(f"SELECT id, title FROM documents WHERE title ILIKE '%{q}%'")).all()  #@vuln CWE-89
    return [{"id": r.id, "title": r.title} for r in rows]


@app.get("/documents/search/safe")
def search_documents_safe(q: str, session: Session = Depends(get_session)):
    rows = session.execute(text("SELECT id, title FROM documents WHERE title ILIKE :q"), {"q": f"%{q}%"}).all()  #@safe
    return [{"id": r.id, "title": r.title} for r in rows]


@app.get("/documents/by-owner")
def by_owner(owner: str, session: Session = Depends(get_session)):
    stmt = select(Document).where(Document.owner == owner)  #@safe
    return session.execute(stmt).scalars().all()


@app.get("/documents/{doc_id}")
def get_document(doc_id: int, session: Session = Depends(get_session)):
    row = session.execute(text("SELECT * FROM documents WHERE id = " + str(doc_id))).first()  #@safe
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)


@app.delete("/documents/purge")
def purge(older_than: str, session: Session = Depends(get_session)):
    session.execute(text("DELETE FROM documents WHERE created_at < '%s'" % older_than))  #@vuln CWE-89
    session.commit()
    return {"ok": True}


@app.get("/files/{name}")
def read_file(name: str):
    return FileResponse(os.path.join("/srv/docs", name))  #@vuln CWE-22


@app.get("/files/safe/{name}")
def read_file_safe(name: str):
    target = (DOC_ROOT / name).resolve()
    if not target.is_relative_to(DOC_ROOT):
        raise HTTPException(status_code=403)
    return FileResponse(target)  #@safe


@app.get("/notes/{name}")
def read_note(name: str):
    return {"text": (Path("/srv/notes") / name).read_text()}  #@vuln CWE-22


@app.get("/greeting", response_class=HTMLResponse)
def greeting(name: str):
    return HTMLResponse(f"<html><h1>Hi {name}</h1></html>")  #@vuln CWE-79


@app.get("/greeting/json")
def greeting_json(name: str):
    return {"message": f"Hi {name}"}  #@safe


@app.post("/fetch")
async def fetch(request: Request):
    body = await request.json()
    async with httpx.AsyncClient() as client:
        resp = await client.get(body["url"], timeout=5)  #@vuln CWE-918
    return {"status": resp.status_code}


@app.get("/weather")
async def weather(city: str):
    async with httpx.AsyncClient(base_url="https://weather.example.com") as client:
        resp = await client.get("/v1/current", params={"city": city})  #@safe
    return resp.json()


@app.get("/proxy")
def proxy(target: str):
    r = httpx.get(target, timeout=5)  #@vuln CWE-918
    return {"body": r.text[:200]}
