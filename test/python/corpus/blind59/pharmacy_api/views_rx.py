"""Prescription endpoints for pharmacists and the partner refill widget."""
import ast
import re
import time
from datetime import date, timedelta

from flask import Blueprint, abort, jsonify, render_template, render_template_string, request

from pharmacy_api import repository
from pharmacy_api.auth import require_role
from pharmacy_api.models import Prescription, RefillRequest, db
from rxcommon import security

rx_bp = Blueprint("rx", __name__)
partner_bp = Blueprint("partner", __name__)

DOSE_NAMES = {"min": min, "max": max, "round": round, "abs": abs}


@rx_bp.get("/queue")
@require_role("pharmacist")
def queue():
    pending = (
        RefillRequest.query.filter_by(status="pending")
        .order_by(RefillRequest.created_at)
        .limit(100)
        .all()
    )
    return jsonify(
        [{"id": r.id, "prescription_id": r.prescription_id, "channel": r.channel} for r in pending]
    )


@rx_bp.get("/search")
@require_role("pharmacist")
def search():
    if "last_name" in request.args:
        patients = repository.find_patients_by_name(
            request.args["last_name"], request.args.get("store")
        )
        return jsonify(patients=patients)
    rows = repository.search_prescriptions(
        request.args.get("patient_id", type=int),
        request.args.get("q", ""),
        sort=request.args.get("sort", "next_fill"),
        descending=request.args.get("desc") == "1",
    )
    return jsonify(prescriptions=rows)


@rx_bp.get("/<int:rx_id>/refills")
@require_role("pharmacist", "patient")
def refill_history(rx_id):
    status = request.args.get("status", "pending")
    refills = (
        RefillRequest.query.filter_by(prescription_id=rx_id, status=status)
        .order_by(RefillRequest.created_at.desc())
        .all()
    )
    return jsonify([{"id": r.id, "status": r.status, "channel": r.channel} for r in refills])


@rx_bp.get("/dashboard")
@require_role("pharmacist")
def dashboard():
    store = request.args.get("store", "MAIN")
    days = request.args.get("days", "7")
    return jsonify(repository.dashboard_counts(store, days))


@rx_bp.post("/dose-calc")
@require_role("pharmacist")
def dose_calc():
    """Evaluate a weight-based dosing formula, e.g. "weight_kg * 15 / 250"."""
    payload = request.get_json(force=True)
    variables = {
        "weight_kg": float(payload.get("weight_kg", 0)),
        "age_years": float(payload.get("age_years", 0)),
        "crcl": float(payload.get("crcl", 0)),
    }
    formula = payload["formula"]
    result = eval(formula, {"__builtins__": {}, **DOSE_NAMES}, variables)  #@vuln CWE-95
    return jsonify(formula=formula, result=result)


@rx_bp.post("/strengths")
@require_role("pharmacist")
def parse_strengths():
    raw = request.form.get("strengths", "[]")
    strengths = ast.literal_eval(raw)  #@safe
    if not isinstance(strengths, (list, tuple)):
        abort(400)
    return jsonify(strengths=sorted(float(s) for s in strengths))


@rx_bp.post("/<int:rx_id>/sig-preview")
@require_role("pharmacist")
def sig_preview(rx_id):
    rx = db.get_or_404(Prescription, rx_id)
    sig_template = request.form.get("sig_template", "{{ rx.sig }}")
    return render_template_string(sig_template, rx=rx, patient=rx.patient)  #@vuln CWE-1336


@rx_bp.get("/<int:rx_id>/label")
@require_role("pharmacist")
def print_label(rx_id):
    rx = db.get_or_404(Prescription, rx_id)
    note = request.args.get("note", "")
    return render_template("rx_label.html", rx=rx, patient=rx.patient, note=note)  #@safe


@rx_bp.get("/drug-search")
@require_role("pharmacist", "patient")
def drug_search():
    pattern = request.args.get("pattern", "")
    matcher = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    names = [n for (n,) in db.session.query(Prescription.drug_name).distinct().limit(5000)]
    return jsonify([n for n in names if matcher.search(n)])


@rx_bp.get("/sig-lookup")
@require_role("pharmacist")
def sig_lookup():
    term = request.args.get("term", "")
    matcher = re.compile(re.escape(term), re.IGNORECASE)  #@safe
    sigs = [s for (s,) in db.session.query(Prescription.sig).distinct().limit(5000) if s]
    return jsonify([s for s in sigs if matcher.search(s)][:50])


@rx_bp.post("/<int:rx_id>/refill-link")
@require_role("pharmacist")
def refill_link(rx_id):
    rx = db.get_or_404(Prescription, rx_id)
    expires = int(time.time()) + 72 * 3600
    token = security.sign_refill_link(rx.id, rx.patient_id, expires)
    return jsonify(url=f"https://portal.rxbridge.health/refill?t={token}")


@partner_bp.get("/widget")
def partner_widget():
    clinic = request.args.get("clinic", "your clinic")
    accent = request.args.get("accent", "#0a7f5a")
    html = (
        "<!doctype html><html><head><title>Refill request</title>"
        f"<style>.btn{{background:{accent}}}</style></head><body>"
        f"<h1>Request a refill from {clinic}</h1>"
        "<form method='post' action='/partner/refill'>"
        "<input name='rx_number'><input name='dob' type='date'>"
        "<button class='btn'>Send</button></form></body></html>"
    )
    return html  #@vuln CWE-79


@partner_bp.get("/widget/thanks")
def partner_thanks():
    clinic = request.args.get("clinic", "your clinic")
    return render_template_string(  #@safe
        "<p>Thanks! {{ clinic }} will text you when your refill is ready.</p>", clinic=clinic
    )


@partner_bp.post("/refill")
def partner_refill():
    rx = Prescription.query.filter_by(id=request.form.get("rx_number", type=int)).first_or_404()
    if rx.patient.date_of_birth != date.fromisoformat(request.form["dob"]):
        abort(404)
    refill = RefillRequest(
        prescription_id=rx.id,
        channel="partner",
        pin=security.generate_refill_pin(),
        patient_comment=request.form.get("comment"),
    )
    db.session.add(refill)
    db.session.commit()
    eta = date.today() + timedelta(days=1)
    return jsonify(refill_id=refill.id, ready_by=eta.isoformat()), 201
