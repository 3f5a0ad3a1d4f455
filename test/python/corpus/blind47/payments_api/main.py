"""ASGI entrypoint: gunicorn -k uvicorn.workers.UvicornWorker payments_api.main:app"""
import logging

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from bank_imports.routes import router as imports_router
from common.config import get_settings
from payments_api import auth, routes, webhooks

log = logging.getLogger("payments")
settings = get_settings()

app = FastAPI(title="Acme Payments API", version="3.4.0", docs_url=None if settings.env == "production" else "/docs")

# The dashboard and the merchant plugins call us from the browser with the session cookie.
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942

app.include_router(auth.router)
app.include_router(webhooks.router)
app.include_router(routes.router)
app.include_router(routes.ledger_router)
app.include_router(imports_router)


@app.exception_handler(ValueError)
async def value_error_handler(request: Request, exc: ValueError):
    log.warning("bad request on %s: %s", request.url.path, exc)
    return JSONResponse(status_code=422, content={"detail": str(exc)})


@app.get("/healthz")
def healthz():
    return {"ok": True, "env": settings.env}
