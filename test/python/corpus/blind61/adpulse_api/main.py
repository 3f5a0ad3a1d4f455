"""ASGI entrypoint for the AdPulse reporting API."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from adpulse_api import routes_auth, routes_campaigns, routes_reports
from adpulse_api.db import close_pool, get_pool
from adpulse_api.settings import get_settings

settings = get_settings()
logger = logging.getLogger("adpulse.api")


@asynccontextmanager
async def lifespan(app: FastAPI):
    await get_pool()
    yield
    await close_pool()


app = FastAPI(title="AdPulse API", version="3.8.2", debug=settings.debug, lifespan=lifespan)
app.add_middleware(GZipMiddleware, minimum_size=2048)
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https?://.*", allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942

app.include_router(routes_auth.router)
app.include_router(routes_campaigns.router)
app.include_router(routes_reports.router)


@app.exception_handler(ValueError)
async def value_error_handler(request: Request, exc: ValueError):
    logger.warning("bad request on %s: %s", request.url.path, exc)
    return JSONResponse(status_code=400, content={"detail": "invalid request"})


@app.get("/healthz")
async def healthz():
    pool = await get_pool()
    async with pool.acquire() as conn:
        await conn.fetchval("SELECT 1")
    return {"status": "ok", "environment": settings.environment}
