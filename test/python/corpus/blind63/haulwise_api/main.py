"""FastAPI application factory for the Haulwise public and driver APIs."""
import logging

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from . import routes_drivers, routes_fleet, routes_shipments, webhooks
from .db import close_pool, get_pool
from .settings import settings

log = logging.getLogger("haulwise.api")


def create_app() -> FastAPI:
    app = FastAPI(title="Haulwise API", version="3.4.1", debug=settings.debug)

    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942

    app.include_router(routes_drivers.router)
    app.include_router(routes_shipments.router)
    app.include_router(routes_fleet.router)
    app.include_router(webhooks.router)

    @app.on_event("startup")
    async def _startup() -> None:
        await get_pool()
        log.info("api started env=%s", settings.environment)

    @app.on_event("shutdown")
    async def _shutdown() -> None:
        await close_pool()

    @app.get("/healthz")
    async def healthz() -> dict:
        return {"ok": True}

    return app


app = create_app()


if __name__ == "__main__":
    uvicorn.run("haulwise_api.main:app", host="0.0.0.0", port=8080, proxy_headers=True)
