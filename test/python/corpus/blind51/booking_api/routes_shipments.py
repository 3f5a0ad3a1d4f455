"""Shipment documents, labels, public tracking widget and partner callbacks."""
import base64
import html
import logging
import os
import pickle
import re

import requests
from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from booking_api import repository
from booking_api.deps import current_user, get_db, partner_identity, require_role
from common import config
from common.security import resolve_under
from labels import printing

log = logging.getLogger(__name__)
router = APIRouter(tags=["shipments"])

ADVANCED_SEARCH_FIELDS = ("carrier_code", "status", "destination_country", "service_level")


def _owned_booking(db: Session, reference: str, user: dict) -> dict:
    booking = repository.get_booking(db, reference)
    if not booking or booking["customer_id"] != user["customer_id"]:
        raise HTTPException(404, "shipment not found")
    return booking


@router.get("/shipments/{reference}/documents/{name}")
def shipment_document(reference: str, name: str, user: dict = Depends(current_user),
                      db: Session = Depends(get_db)):
    _owned_booking(db, reference, user)
    path = os.path.join(config.DOCUMENT_ROOT, reference, name)
    if not os.path.isfile(path):
        raise HTTPException(404, "document not found")
    return FileResponse(path)  #@vuln CWE-22


@router.get("/shipments/{reference}/label")
def shipment_label(reference: str, user: dict = Depends(current_user), db: Session = Depends(get_db)):
    _owned_booking(db, reference, user)
    try:
        path = resolve_under(config.LABEL_SPOOL_DIR, f"{reference}.pdf")
    except ValueError:
        raise HTTPException(400, "bad reference")
    return FileResponse(path, media_type="application/pdf", filename=f"{path.stem}.pdf")  #@safe


@router.post("/shipments/{reference}/label/print")
def print_shipment_label(reference: str, printer: str = Query(...), copies: int = 1,
                         user: dict = Depends(require_role("warehouse")), db: Session = Depends(get_db)):
    booking = _owned_booking(db, reference, user)
    pdf_path = printing.render_label(booking)
    result = printing.print_label(pdf_path, printer, copies)
    return {"printed": result.returncode == 0, "output": result.stdout}


@router.post("/shipments/{reference}/label/zpl")
def push_zpl(reference: str, printer_host: str = Query(...), user: dict = Depends(require_role("warehouse")),
             db: Session = Depends(get_db)):
    booking = _owned_booking(db, reference, user)
    printing.send_zpl(printer_host, printing.zpl_for(booking))
    return {"sent": True}


@router.get("/shipments/advanced-search")
def advanced_search(field: str, value: str, user: dict = Depends(current_user), db: Session = Depends(get_db)):
    return repository.shipments_by_field(db, user["customer_id"], field, value)


@router.get("/shipments/match")
def match_references(pattern: str | None = None, prefix: str | None = None,
                     user: dict = Depends(current_user), db: Session = Depends(get_db)):
    refs = repository.customer_references(db, user["customer_id"])
    if prefix:
        rx = re.compile(re.escape(prefix) + r"\d+")  #@safe
    elif pattern:
        rx = re.compile(pattern)  #@vuln CWE-1333
    else:
        return refs[:100]
    return [r for r in refs if rx.search(r)][:100]


@router.post("/shipments/events/query")
def query_events(filter_doc: dict = Body(...), user: dict = Depends(require_role("ops"))):
    return repository.tracking_events_matching(filter_doc)


@router.get("/shipments/events/at")
def events_at(location: str, user: dict = Depends(require_role("ops"))):
    return repository.events_at_location(location)


@router.post("/shipments/import-state")
async def import_state(request: Request, user: dict = Depends(require_role("ops"))):
    """Restores a dispatcher board snapshot exported by the old desktop tool."""
    blob = base64.b64decode(await request.body())
    state = pickle.loads(blob)  #@vuln CWE-502
    return {"restored": len(state.get("shipments", []))}


# --- public tracking ----------------------------------------------------------

@router.get("/track/{code}/widget", response_class=HTMLResponse)
def tracking_widget(code: str, db: Session = Depends(get_db)):
    booking = repository.get_booking_by_code(db, code)
    if not booking:
        return HTMLResponse(f"<div class='trk trk-empty'>No shipment found for <b>{code}</b></div>", status_code=404)  #@vuln CWE-79
    events = repository.tracking_events(booking["reference"])
    items = "".join(f"<li>{html.escape(e['status'])} &middot; {html.escape(e.get('scan_location', ''))}</li>" for e in events)
    return HTMLResponse(f"<div class='trk'><h4>{html.escape(booking['reference'])}</h4><ul>{items}</ul></div>")  #@safe


@router.get("/track/{code}/open")
def open_tracking(code: str, then: str = Query("/")):
    # Link in SMS notifications: /track/ABC123/open?then=<page in the customer's shop>
    return RedirectResponse(url=then, status_code=302)  #@vuln CWE-601


# --- partner callbacks --------------------------------------------------------

@router.post("/partners/pod")
def proof_of_delivery(payload: dict = Body(...), partner: dict = Depends(partner_identity),
                      db: Session = Depends(get_db)):
    """Carriers notify delivery and give us a link to the signed POD image."""
    reference = payload["shipment_ref"]
    resp = requests.get(payload["pod_url"], timeout=15)  #@vuln CWE-918
    resp.raise_for_status()
    target = resolve_under(config.DOCUMENT_ROOT, reference, "pod.jpg")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(resp.content)
    repository.update_status(db, reference, "delivered", f"POD from {partner['carrier']}")
    repository.record_event(reference, "delivered", payload.get("location", ""), partner["carrier"])
    db.commit()
    return {"ok": True}
