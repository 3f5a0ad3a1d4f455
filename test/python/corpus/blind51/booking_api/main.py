"""Booking & shipment-tracking API (FastAPI). Run with:
    uvicorn booking_api.main:app --host 0.0.0.0 --port 8000 --workers 4
"""
import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy import text

from booking_api import routes_bookings, routes_shipments
from booking_api.deps import engine
from common import config

logging.basicConfig(level=logging.DEBUG if config.DEBUG else logging.INFO,
                    format="%(asctime)s %(levelname)s %(name)s %(message)s")
log = logging.getLogger("booking_api")

app = FastAPI(title="Booking & Tracking API", version="3.4.1")

# The tracking widget is embedded on customers' own shops, so any origin may call us.
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942

app.include_router(routes_bookings.router)
app.include_router(routes_bookings.ops_router)
app.include_router(routes_shipments.router)


@app.get("/healthz")
def healthz():
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return {"status": "ok", "env": config.APP_ENV}
