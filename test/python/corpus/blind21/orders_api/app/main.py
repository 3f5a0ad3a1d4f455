import logging
import time

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from app.config import get_settings
from app.models import init_db
from app.routes import auth, files, integrations, orders

settings = get_settings()
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
log = logging.getLogger("orders")

app = FastAPI(title="Orderly Orders API", version="1.8.2")

# dashboard, partner portal and the zapier app all call us from the browser
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942

app.include_router(auth.router)
app.include_router(orders.router)
app.include_router(files.router)
app.include_router(integrations.router)


@app.on_event("startup")
def on_startup() -> None:
    init_db()
    log.info("orders api started (env=%s)", settings.env)


@app.middleware("http")
async def timing(request: Request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    elapsed = (time.perf_counter() - started) * 1000
    response.headers["X-Response-Time"] = f"{elapsed:.1f}ms"
    return response


@app.exception_handler(ValueError)
async def value_error_handler(request: Request, exc: ValueError):
    log.warning("bad request on %s: %s", request.url.path, exc)
    return JSONResponse(status_code=400, content={"detail": str(exc)})


@app.get("/healthz")
def healthz():
    return {"ok": True}
