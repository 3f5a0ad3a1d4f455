"""FastAPI application factory for the claims service."""
import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from claims_api.database import init_db
from claims_api.routers import auth, claims, documents
from claims_api.settings import get_settings

settings = get_settings()
logging.basicConfig(level=logging.DEBUG if settings.debug else logging.INFO)


def create_app() -> FastAPI:
    app = FastAPI(title=settings.app_name, debug=settings.debug)
    app.add_middleware(  #@vuln CWE-942
        CORSMiddleware,
        allow_origin_regex=r"https?://.*",
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )
    app.include_router(auth.router)
    app.include_router(claims.router)
    app.include_router(documents.router)

    @app.on_event("startup")
    def _startup() -> None:
        if settings.environment == "local":
            init_db()

    @app.get("/healthz")
    def healthz():
        return {"status": "ok", "service": settings.app_name}

    return app


app = create_app()
