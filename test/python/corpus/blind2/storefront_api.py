"""Storefront API on FastAPI: product pages, files, previews and feeds."""
import html
import os
import shutil
from pathlib import Path

import aiofiles
import httpx
from fastapi import FastAPI, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Template

app = FastAPI()
ASSETS = Path("/srv/store/assets")
FEEDS = "/srv/store/feeds"
PARTNER_API = "https://partners.example.com"


@app.get("/p/{slug}", response_class=HTMLResponse)
async def product_page(slug: str, ref: str = ""):
    return HTMLResponse(f"<h1>{slug}</h1><a href='/?ref={ref}'>back</a>")  #@vuln CWE-79


@app.get("/p-safe/{slug}", response_class=HTMLResponse)
async def product_page_safe(slug: str):
    return HTMLResponse(f"<h1>{html.escape(slug)}</h1>")  #@safe


@app.get("/promo")
async def promo(code: str):
    body = "".join(["<div class='promo'>", code, "</div>"])
    return HTMLResponse(content=body)  #@vuln CWE-79


@app.get("/greet")
async def greet(name: str):
    return HTMLResponse(Template("<p>Hi " + name + "</p>").render())  #@vuln CWE-79|CWE-94|CWE-1336


@app.get("/asset")
async def asset(name: str):
    return FileResponse(os.path.join(ASSETS, name))  #@vuln CWE-22


@app.get("/asset-safe")
async def asset_safe(name: str):
    target = (ASSETS / name).resolve()
    if not target.is_relative_to(ASSETS):
        raise HTTPException(status_code=404)
    return FileResponse(target)  #@safe


@app.get("/doc")
async def doc(page: str):
    return (ASSETS / "docs" / page).read_text()  #@vuln CWE-22


@app.get("/feed/{name}")
async def feed(name: str):
    async with aiofiles.open(f"{FEEDS}/{name}.xml") as fh:  #@vuln CWE-22
        return await fh.read()


@app.post("/theme")
async def upload_theme(bundle: UploadFile, theme: str):
    dest = os.path.join("/srv/store/themes", theme)
    upload_path = f"/srv/store/uploads/{bundle.filename}"  #@safe
    with open(upload_path, "wb") as out:  #@vuln CWE-22
        out.write(await bundle.read())
    shutil.unpack_archive(upload_path, dest)  #@vuln CWE-22
    return {"ok": True}


def partner_url(path):
    return f"{PARTNER_API}/{path}"


async def get_remote(url: str):
    async with httpx.AsyncClient(timeout=5) as client:
        r = await client.get(url)  #@vuln CWE-918
        return r.json()


@app.get("/stock")
async def stock(sku: str):
    return await get_remote(partner_url(f"stock/{sku}"))


@app.get("/mirror")
async def mirror(source: str):
    return await get_remote(source)


@app.post("/callback")
async def callback(request: Request):
    payload = await request.json()
    resp = httpx.request("POST", payload["callback"], json={"ok": True})  #@vuln CWE-918
    return {"status": resp.status_code}
