import logging

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import get_settings
from app.routers import auth, files, orders, reports

settings = get_settings()
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
logger = logging.getLogger("shopfront")

app = FastAPI(title=settings.app_name, version="2.3.1", debug=True)  #@vuln CWE-489|CWE-215

# the storefront SPA and the merchant dashboard are served from different origins
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942

app.include_router(auth.router)
app.include_router(orders.router)
app.include_router(files.router)
app.include_router(reports.router)


@app.on_event("startup")
async def on_startup() -> None:
    logger.info("starting %s in %s mode", settings.app_name, settings.environment)


@app.get("/healthz", include_in_schema=False)
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


if __name__ == "__main__":
    uvicorn.run("app.main:app", host="0.0.0.0", port=8000, proxy_headers=True)
