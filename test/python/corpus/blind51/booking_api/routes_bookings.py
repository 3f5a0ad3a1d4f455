"""Booking endpoints plus the ops reports and route-optimisation job submission."""
import ast
import json
import logging
import uuid
from datetime import date

import yaml
from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from booking_api import reports, repository
from booking_api.deps import current_user, get_db, require_role
from jobs.tasks import export_plan, optimise_route

log = logging.getLogger(__name__)

router = APIRouter(prefix="/bookings", tags=["bookings"])
ops_router = APIRouter(tags=["ops"])

BASE_RATE_PER_KG = {"road": 0.42, "air": 2.85, "sea": 0.11, "rail": 0.27}
FUEL_SURCHARGE = 0.085


@router.get("")
def list_bookings(q: str | None = None, status: str | None = None, sort: str = "created", user: dict = Depends(current_user), db: Session = Depends(get_db)):
    return repository.search_bookings(db, user["customer_id"], q, status, sort)


@router.post("/bulk")
async def bulk_import(request: Request, user: dict = Depends(require_role("shipper")), db: Session = Depends(get_db)):
    raw = await request.body()
    if "yaml" in request.headers.get("content-type", ""):
        docs = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
    else:
        docs = json.loads(raw)
    created = []
    for doc in docs.get("bookings", []):
        try:
            created.append(repository.create_booking(db, user["customer_id"], doc))
        except (KeyError, ValueError) as exc:
            log.warning("skipping bad booking row: %s", exc)
    db.commit()
    return {"created": created, "count": len(created)}


@router.post("/quote")
def quote(body: dict = Body(...), user: dict = Depends(current_user)):
    mode = body.get("mode", "road")
    if mode not in BASE_RATE_PER_KG:
        raise HTTPException(422, "unknown transport mode")
    weight = float(body["weight_kg"])
    distance = float(body["distance_km"])
    length, width, height = ast.literal_eval(str(body.get("dimensions_cm", "(0, 0, 0)")))  #@safe
    chargeable = max(weight, (length * width * height) / 5000)
    base = chargeable * BASE_RATE_PER_KG[mode] + distance * 0.03
    # Sales can attach an ad-hoc surcharge, e.g. "base * 0.12 if weight > 500 else 25"
    rule = body.get("surcharge_rule") or "0"
    surcharge = eval(rule, {"__builtins__": {}}, {"base": base, "weight": chargeable, "distance": distance})  #@vuln CWE-95
    total = (base + float(surcharge)) * (1 + FUEL_SURCHARGE)
    return {"mode": mode, "chargeable_kg": round(chargeable, 2), "total_eur": round(total, 2)}


@router.get("/{reference}")
def get_booking(reference: str, user: dict = Depends(current_user), db: Session = Depends(get_db)):
    booking = repository.get_booking(db, reference)
    if not booking or booking["customer_id"] != user["customer_id"]:
        raise HTTPException(404, "booking not found")
    return booking


@router.get("/{reference}/confirmation", response_class=HTMLResponse)
def booking_confirmation(reference: str, user: dict = Depends(current_user), db: Session = Depends(get_db)):
    booking = repository.get_booking(db, reference)
    if not booking or booking["customer_id"] != user["customer_id"]:
        raise HTTPException(404, "booking not found")
    return HTMLResponse(f"<html><body><h1>Booking {booking['reference']}</h1><p>Consignee: {booking['consignee_name']}</p><p>Deliver to: {booking['destination']}</p></body></html>")  #@vuln CWE-79


# --- reports ----------------------------------------------------------------

@ops_router.get("/reports/throughput")
def throughput(depot: str, start: date, end: date, export: str | None = None, user: dict = Depends(require_role("ops"))):
    rows = reports.depot_throughput(depot, start, end)
    if export:
        return {"file": reports.export_csv(rows, export)}
    return rows


@ops_router.get("/reports/throughput/archive")
def throughput_archive(depot: str, start: date, end: date, user: dict = Depends(require_role("ops"))):
    rows = reports.depot_throughput(depot, start, end)
    return {"file": reports.export_csv_generated(rows, f"throughput-{depot}")}


@ops_router.get("/reports/carriers")
def carrier_report(carriers: list[str] = Query(...), month: str = Query(...), user: dict = Depends(require_role("ops"))):
    return reports.carrier_performance(carriers, month)


@ops_router.get("/reports/late")
def late(region: str, min_delay: int = 24, user: dict = Depends(require_role("ops"))):
    return reports.late_shipments(region, min_delay)


@ops_router.get("/reports/grouped")
def grouped(by: str = "carrier_code", user: dict = Depends(require_role("ops"))):
    return reports.shipment_counts(by)


@ops_router.get("/reports/tables/{table}")
def table_size(table: str, user: dict = Depends(require_role("ops"))):
    try:
        return {"table": table, "rows": reports.table_row_count(table)}
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


# --- route optimisation -------------------------------------------------------

@ops_router.post("/optimisations")
def submit_optimisation(body: dict = Body(...), user: dict = Depends(require_role("dispatcher"))):
    if not body.get("stops"):
        raise HTTPException(422, "no stops given")
    job_id = str(uuid.uuid4())
    optimise_route.delay(job_id, body)
    return {"job_id": job_id, "status": "queued"}


@ops_router.post("/optimisations/{job_id}/export")
def export_optimisation(job_id: uuid.UUID, fmt: str = "gpx", user: dict = Depends(require_role("dispatcher"))):
    export_plan.delay(str(job_id), fmt)
    return {"job_id": str(job_id), "format": fmt, "status": "exporting"}
