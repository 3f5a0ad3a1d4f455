"""Export service built directly on Starlette."""
import os
import tempfile
from pathlib import Path

import httpx
import jwt
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from starlette.routing import Route

engine = create_async_engine(os.environ.get("EXPORTS_DB", "postgresql+asyncpg://exports@db/exports"))
EXPORT_DIR = Path("/srv/exports").resolve()
JWT_KEY = os.environ["EXPORTS_JWT_KEY"]  #@safe
ALLOWED_FORMATS = {"csv", "json", "parquet"}


def current_user(request: Request) -> dict:
    token = request.headers.get("authorization", "").split(" ")[-1]
    return jwt.decode(token, JWT_KEY, algorithms=["HS256"])  #@safe


def current_user_lenient(request: Request) -> dict:
    token = request.headers.get("authorization", "").split(" ")[-1]
    return jwt.decode(token, JWT_KEY, algorithms=["HS256"], options={"verify_signature": False})  #@vuln CWE-347


async def list_exports(request: Request):
    user = current_user(request)
    kind = request.query_params.get("kind", "csv")
    async with engine.connect() as conn:
        result = await conn.execute(text("SELECT id, name FROM exports WHERE owner = :o AND kind = '" + kind + "'"), {"o": user["sub"]})  #@vuln CWE-89
        return JSONResponse([dict(r._mapping) for r in result])


async def list_exports_v2(request: Request):
    user = current_user(request)
    kind = request.query_params.get("kind", "csv")
    stmt = text("SELECT id, name FROM exports WHERE owner = :o AND kind = :k")
    async with engine.connect() as conn:
        result = await conn.execute(stmt, {"o": user["sub"], "k": kind})  #@safe
        return JSONResponse([dict(r._mapping) for r in result])


async def download(request: Request):
    current_user_lenient(request)
    name = request.path_params["name"]
    return FileResponse(EXPORT_DIR / name)  #@vuln CWE-22


async def download_v2(request: Request):
    current_user(request)
    name = os.path.basename(request.path_params["name"])
    path = os.path.realpath(os.path.join(EXPORT_DIR, name))
    if not path.startswith(str(EXPORT_DIR) + os.sep):
        return JSONResponse({"error": "bad name"}, status_code=400)
    return FileResponse(path)  #@safe


async def build_export(request: Request):
    body = await request.json()
    fmt = body.get("format", "csv")
    if fmt not in ALLOWED_FORMATS:
        return JSONResponse({"error": "format"}, status_code=400)
    tmp_name = tempfile.mktemp(prefix="export-", suffix="." + fmt)  #@vuln CWE-377
    with open(tmp_name, "w") as fh:
        fh.write("id,name\n")
    return JSONResponse({"path": tmp_name})


async def build_export_v2(request: Request):
    body = await request.json()
    fmt = body.get("format", "csv")
    if fmt not in ALLOWED_FORMATS:
        return JSONResponse({"error": "format"}, status_code=400)
    with tempfile.NamedTemporaryFile("w", prefix="export-", suffix="." + fmt, delete=False, dir=EXPORT_DIR) as fh:  #@safe
        fh.write("id,name\n")
    return JSONResponse({"path": os.path.basename(fh.name)})


async def deliver(request: Request):
    body = await request.json()
    destination = body["destination"]
    async with httpx.AsyncClient() as client:
        r = await client.put(destination, content=b"id,name\n")  #@vuln CWE-918
    return JSONResponse({"status": r.status_code})


async def status_page(request: Request):
    job = request.query_params.get("job", "")
    return HTMLResponse("<html><body><h2>Export job " + job + " is running</h2></body></html>")  #@vuln CWE-79


async def finished(request: Request):
    return RedirectResponse(url=request.query_params.get("return_to", "/"))  #@vuln CWE-601


async def finished_v2(request: Request):
    dest = request.query_params.get("return_to", "/")
    if not dest.startswith("/") or dest.startswith("//") or "\\" in dest:
        dest = "/"
    return RedirectResponse(url=dest)  #@safe


ROUTES = [
    Route("/exports", list_exports),
    Route("/exports/v2", list_exports_v2),
    Route("/exports/{name}", download),
    Route("/exports/v2/{name}", download_v2),
    Route("/build", build_export, methods=["POST"]),
    Route("/build/v2", build_export_v2, methods=["POST"]),
    Route("/deliver", deliver, methods=["POST"]),
    Route("/status", status_page),
    Route("/finished", finished),
    Route("/finished/v2", finished_v2),
]

app = Starlette(debug=True, routes=ROUTES)  #@vuln CWE-489|CWE-215
