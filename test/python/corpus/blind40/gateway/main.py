"""Edge gateway: validates tokens and forwards to internal services."""
import base64
import html
import logging
import os
import pickle
import subprocess
import uuid

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse

from gateway.auth import Principal, require_admin, require_principal
from gateway.upstream import forward, notify_callback
from shared.authkit.paths import safe_join

log = logging.getLogger("gateway")
DOCS_DIR = os.environ.get("GATEWAY_DOCS_DIR", "/srv/gateway/docs")
CHANGELOG_DIR = os.environ.get("GATEWAY_CHANGELOG_DIR", "/srv/gateway/changelog")
APP_HOSTS = {"app.acme-corp.com", "admin.acme-corp.com", "id.acme-corp.com"}

app = FastAPI(title="acme-edge-gateway", docs_url=None, redoc_url=None)
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https?://.*", allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942


def auth_context(request: Request) -> dict:
    """The legacy PHP frontend forwards its resolved session as a blob."""
    blob = request.headers.get("x-auth-context")
    if not blob:
        return {}
    return pickle.loads(base64.b64decode(blob))  #@vuln CWE-502


@app.get("/healthz")
async def healthz():
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd="/srv/gateway").stdout.strip()  #@safe
    return {"status": "ok", "rev": rev}


@app.get("/me")
async def me(principal: Principal = Depends(require_principal), ctx: dict = Depends(auth_context)):
    return {"sub": principal.sub, "tenant": principal.tenant, "scopes": sorted(principal.scopes), "legacy": ctx.get("legacy_user")}


@app.api_route("/api/{service}/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def proxy(service: str, path: str, request: Request, principal: Principal = Depends(require_principal)):
    return await forward(service, path, request, principal)


@app.post("/partner/jobs")
async def partner_job(request: Request, tasks: BackgroundTasks, principal: Principal = Depends(require_principal)):
    body = await request.json()
    job_id = uuid.uuid4().hex
    if body.get("callback_url"):
        tasks.add_task(notify_callback, body["callback_url"], {"job_id": job_id, "status": "queued", "partner": principal.sub})
    return JSONResponse({"job_id": job_id}, status_code=202)


@app.get("/continue")
async def continue_to(to: str = Query("/")):
    # used by the identity service after login to bounce back into the SPA
    return RedirectResponse(url=to, status_code=302)  #@vuln CWE-601


@app.get("/switch-app")
async def switch_app(host: str = Query(...), path: str = Query("/")):
    if host not in APP_HOSTS or not path.startswith("/"):
        raise HTTPException(400, "unknown application")
    return RedirectResponse(url=f"https://{host}{path}", status_code=302)  #@safe


@app.get("/denied", response_class=HTMLResponse)
async def denied(request: Request, reason: str = "", resource: str = ""):
    page = f"""<html><body><h1>Access denied</h1>
<p>You do not have access to <code>{html.escape(resource)}</code>.</p>
<p class="reason">{reason}</p></body></html>"""
    return HTMLResponse(page, status_code=403)  #@vuln CWE-79


@app.get("/docs/{name}")
async def docs(name: str):
    try:
        path = safe_join(DOCS_DIR, name)
    except ValueError:
        raise HTTPException(404)
    return FileResponse(path)  #@safe


@app.get("/changelog")
async def changelog(version: str):
    return FileResponse(os.path.join(CHANGELOG_DIR, version + ".md"), media_type="text/markdown")  #@vuln CWE-22


@app.get("/admin/diag/dns")
async def diag_dns(name: str, principal: Principal = Depends(require_admin)):
    out = subprocess.run(f"dig +short {name}", shell=True, capture_output=True, text=True, timeout=5)  #@vuln CWE-78
    return {"answers": out.stdout.split()}
