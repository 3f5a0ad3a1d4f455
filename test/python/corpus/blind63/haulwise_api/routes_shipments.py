"""Customer-facing shipment endpoints."""
import ast
import html
import logging
import os
import re
from datetime import timedelta

import defusedxml.ElementTree as SafeET
from fastapi import APIRouter, Depends, File, Header, HTTPException, Query, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, StreamingResponse
from lxml import etree
from pydantic import BaseModel

from . import manifests, repository
from .security import current_driver_id
from .settings import settings

router = APIRouter(prefix="/shipments", tags=["shipments"])
log = logging.getLogger("haulwise.shipments")

REFERENCE_RE = re.compile(r"^[A-Z]{3}-\d{6,10}$")


class StatusUpdate(BaseModel):
    status: str
    note: str | None = None


class EtaRule(BaseModel):
    expression: str
    buffer_minutes: str = "0"


def _customer_id(x_customer_id: int = Header(...)) -> int:
    return x_customer_id


@router.get("")
def list_shipments(
    status: str | None = None,
    sort: str = "created",
    direction: str = "desc",
    destination: str | None = None,
    customer_id: int = Depends(_customer_id),
):
    if destination:
        return repository.search_by_destination(customer_id, destination)
    return repository.search_shipments(customer_id, status, sort, direction)


@router.get("/match")
def match_references(pattern: str = Query(..., max_length=200), customer_id: int = Depends(_customer_id)):
    rx = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    rows = repository.search_shipments(customer_id, None, "created", "desc")
    return [r for r in rows if rx.search(r["reference"])]


@router.get("/lookup")
def lookup_prefix(prefix: str = Query(..., max_length=40), customer_id: int = Depends(_customer_id)):
    rx = re.compile("^" + re.escape(prefix), re.IGNORECASE)  #@safe
    rows = repository.search_shipments(customer_id, None, "reference", "asc")
    return [r for r in rows if rx.match(r["reference"])]


@router.patch("/{shipment_id}/status")
def update_status(shipment_id: int, body: StatusUpdate, driver_id: int = Depends(current_driver_id)):
    log.info("driver %s sets shipment %s to %s", driver_id, shipment_id, body.status)
    repository.update_shipment_status(shipment_id, body.status, body.note)
    return {"ok": True}


@router.get("/{reference}/documents/{filename}")
def download_document(reference: str, filename: str, customer_id: int = Depends(_customer_id)):
    if not REFERENCE_RE.match(reference):
        raise HTTPException(400, "bad reference")
    base = os.path.realpath(os.path.join(settings.document_root, reference))
    candidate = os.path.realpath(os.path.join(base, os.path.basename(filename)))
    if not candidate.startswith(base + os.sep) or not os.path.isfile(candidate):
        raise HTTPException(404)
    return FileResponse(candidate, filename=os.path.basename(candidate))  #@safe


@router.get("/{reference}/pod")
def proof_of_delivery(reference: str, path: str = Query("pod.jpg"), customer_id: int = Depends(_customer_id)):
    full_path = os.path.join(settings.document_root, reference, "pod", path)
    try:
        handle = open(full_path, "rb")  #@vuln CWE-22
    except FileNotFoundError:
        raise HTTPException(404)
    return StreamingResponse(handle, media_type="image/jpeg")


@router.get("/{reference}/widget", response_class=HTMLResponse)
def tracking_widget(reference: str, title: str = Query("Your delivery"), accent: str = Query("#0a7cff")):
    shipment = repository.get_shipment(reference)
    if not shipment:
        raise HTTPException(404)
    eta = shipment["eta"].strftime("%d %b %H:%M") if shipment["eta"] else "pending"
    body = (
        f"<div class='hw-widget' style='border-color:{accent}'>"
        f"<h3>{title}</h3><p>Status: {html.escape(shipment['status'])}</p><p>ETA: {eta}</p></div>"
    )
    return HTMLResponse(body)  #@vuln CWE-79


@router.get("/{reference}/summary", response_class=HTMLResponse)
def tracking_summary(reference: str, greeting: str = Query("Hello")):
    shipment = repository.get_shipment(reference)
    if not shipment:
        raise HTTPException(404)
    page = "<p>{}, shipment {} is {}.</p>".format(
        html.escape(greeting), html.escape(shipment["reference"]), html.escape(shipment["status"])
    )
    return HTMLResponse(page)  #@safe


@router.get("/{reference}/track")
def track_redirect(reference: str, return_url: str = Query(...)):
    shipment = repository.get_shipment(reference)
    if not shipment:
        raise HTTPException(404)
    target = f"{return_url}?ref={shipment['reference']}&status={shipment['status']}"
    return RedirectResponse(url=target)  #@vuln CWE-601


@router.get("/{reference}/manifest.pdf")
def manifest_pdf(reference: str, stamp: str | None = None, customer_id: int = Depends(_customer_id)):
    shipment = repository.get_shipment(reference)
    if not shipment or shipment["customer_id"] != customer_id:
        raise HTTPException(404)
    customer = repository.get_customer(customer_id)
    pdf_path = manifests.build_manifest(shipment, customer, stamp=stamp)
    return FileResponse(pdf_path, media_type="application/pdf", filename=f"{reference}.pdf")


@router.get("/{reference}/manifest-preview", response_class=HTMLResponse)
def manifest_preview(reference: str, customer_id: int = Depends(_customer_id)):
    shipment = repository.get_shipment(reference)
    if not shipment or shipment["customer_id"] != customer_id:
        raise HTTPException(404)
    return HTMLResponse(manifests.render_preview_html(shipment, repository.get_customer(customer_id)))


@router.post("/{reference}/eta-preview")
def eta_preview(reference: str, rule: EtaRule, customer_id: int = Depends(_customer_id)):
    shipment = repository.get_shipment(reference)
    if not shipment or shipment["eta"] is None:
        raise HTTPException(404)
    buffer = ast.literal_eval(rule.buffer_minutes)  #@safe
    if not isinstance(buffer, (int, float)):
        raise HTTPException(422, "buffer must be numeric")
    context = {"weight_kg": shipment.get("weight_kg") or 0, "hour": shipment["eta"].hour}
    delay = eval(rule.expression, {"__builtins__": {}}, context)  #@vuln CWE-95
    return {"eta": shipment["eta"] + timedelta(minutes=float(delay) + buffer)}


@router.post("/import/edi")
async def import_edi(upload: UploadFile = File(...), customer_id: int = Depends(_customer_id)):
    raw = await upload.read()
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    doc = etree.fromstring(raw, parser)  #@vuln CWE-611
    created = []
    for node in doc.iter("Consignment"):
        created.append({"reference": node.findtext("Ref"), "destination": node.findtext("Destination")})
    return {"parsed": len(created), "items": created}


@router.post("/import/pod-metadata")
async def import_pod_metadata(upload: UploadFile = File(...)):
    raw = await upload.read()
    root = SafeET.fromstring(raw)  #@safe
    signed = {el.get("ref"): el.findtext("SignedBy") for el in root.findall("Delivery")}
    return {"deliveries": len(signed)}
