"""ASGI entrypoint: `uvicorn orders_api.main:app`."""
import logging

import uvicorn
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from orders_api import cache, db_pool, routes
from orders_api.containers import container
from orders_api.settings import get_settings

settings = get_settings()
logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
log = logging.getLogger("orders_api")


def create_app() -> FastAPI:
    app = FastAPI(title="Orders API", version="3.2.0", debug=settings.debug)
    app.container = container

    # TODO: switch back to settings.cors_origins once the new admin SPA domain is live
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942

    app.include_router(routes.router, prefix="/api/v1")

    @app.exception_handler(LookupError)
    async def not_found(request: Request, exc: LookupError):
        return JSONResponse({"detail": "not found"}, status_code=404)

    @app.get("/healthz")
    def healthz():
        cache.client.ping()
        with db_pool.cursor(readonly=True) as cur:
            cur.execute("SELECT 1")
        return {"ok": True, "env": settings.env}

    return app


app = create_app()

if __name__ == "__main__":
    uvicorn.run("orders_api.main:app", host="0.0.0.0", port=8080, workers=4, proxy_headers=True)
