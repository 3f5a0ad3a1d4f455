"""FastAPI file and account service: typed parameters, forms, headers, redirects."""
import os
import pathlib
import subprocess
import xml.etree.ElementTree as ET

import httpx
import requests
from fastapi import Cookie, FastAPI, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from pydantic import BaseModel

app = FastAPI()
STORE = pathlib.Path("/srv/store")
API_HEADERS = {"Authorization": "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"}  #@vuln CWE-798


class Rename(BaseModel):
    old: str
    new: str


@app.get("/files/read")
async def read_file(name: str = Query(...)):
    return (STORE / name).read_text()  #@vuln CWE-22


@app.get("/files/read-safe")
async def read_file_safe(name: str = Query(...)):
    target = (STORE / name).resolve()
    if not target.is_relative_to(STORE):
        return {"error": "bad path"}
    return target.read_text()  #@safe


@app.post("/files/rename")
async def rename(body: Rename):
    os.rename(STORE / body.old, STORE / body.new)  #@vuln CWE-22
    return {"ok": True}


@app.post("/files/upload")
async def upload(file: UploadFile = File(...), folder: str = Form("inbox")):
    dest = os.path.join("/srv/uploads", folder, file.filename)
    with open(dest, "wb") as out:  #@vuln CWE-22
        out.write(await file.read())
    return {"saved": dest}


@app.get("/go")
async def go(next: str = Query("/")):
    return RedirectResponse(url=next)  #@vuln CWE-601


@app.get("/hello", response_class=HTMLResponse)
async def hello(name: str = "world"):
    return HTMLResponse(content=f"<h1>Hello {name}</h1>")  #@vuln CWE-79


@app.get("/lang")
async def lang(accept_language: str = Header("en")):
    out = subprocess.run(f"locale -a | grep {accept_language}", shell=True, capture_output=True)  #@vuln CWE-78
    return {"locales": out.stdout.decode()}


@app.get("/theme")
async def theme(theme: str = Cookie("light")):
    return FileResponse(f"/srv/themes/{theme}.css")  #@vuln CWE-22


@app.post("/import")
async def import_xml(request: Request):
    root = ET.fromstring(await request.body())  #@vuln CWE-611
    return {"items": len(root)}


@app.get("/mirror")
async def mirror(url: str):
    async with httpx.AsyncClient() as client:
        r = await client.get(url)  #@vuln CWE-918
    return {"len": len(r.content)}


@app.get("/status")
async def status(service: str):
    if service not in {"billing", "search"}:
        return {"error": "unknown"}
    r = requests.get(f"http://{service}.internal/health", timeout=3)  #@safe
    return {"status": r.status_code}


@app.get("/count")
async def count(limit: int = 10):
    out = subprocess.run(f"ls /srv/store | head -n {limit}", shell=True, capture_output=True)  #@safe
    return {"out": out.stdout.decode()}
