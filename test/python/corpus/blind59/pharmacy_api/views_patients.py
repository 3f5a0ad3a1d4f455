"""Patient-facing endpoints: documents, uploads, preferences, FHIR imports."""
import base64
import io
import os
import pickle

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    jsonify,
    make_response,
    render_template,
    request,
    send_file,
    send_from_directory,
)
from markupsafe import Markup, escape

from pharmacy_api.auth import require_role
from pharmacy_api.models import Patient, db
from rxcommon import fhir_client, storage

patients_bp = Blueprint("patients", __name__)

DEFAULT_PREFS = {"sms_reminders": True, "email_reminders": True, "language": "en"}


def _check_access(patient_id):
    user = g.get("user") or {}
    if user.get("role") == "pharmacist":
        return
    if user.get("role") == "patient" and str(user.get("sub")) == str(patient_id):
        return
    abort(403)


@patients_bp.get("/<int:patient_id>/documents/<path:name>")
@require_role("patient", "pharmacist")
def download_document(patient_id, name):
    _check_access(patient_id)
    path = os.path.join(current_app.config["DOCUMENT_ROOT"], str(patient_id), name)
    return send_file(path, as_attachment=True)  #@vuln CWE-22


@patients_bp.get("/<int:patient_id>/records/<path:name>")
@require_role("patient", "pharmacist")
def view_record(patient_id, name):
    _check_access(patient_id)
    data = storage.read_patient_document(patient_id, name)
    return send_file(io.BytesIO(data), mimetype="application/pdf", download_name="record.pdf")


@patients_bp.get("/<int:patient_id>/insurance-card/<side>")
@require_role("patient", "pharmacist")
def insurance_card(patient_id, side):
    _check_access(patient_id)
    folder = storage.patient_dir(patient_id)
    return send_from_directory(folder, f"insurance_{side}.jpg")  #@safe


@patients_bp.post("/<int:patient_id>/uploads")
@require_role("patient")
def upload_document(patient_id):
    _check_access(patient_id)
    file = request.files.get("file")
    if file is None:
        abort(400)
    try:
        path = storage.store_upload(patient_id, file)
    except storage.StorageError as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(stored=os.path.basename(path)), 201


@patients_bp.post("/<int:patient_id>/id-photo")
@require_role("patient")
def upload_id_photo(patient_id):
    _check_access(patient_id)
    photo = request.files["photo"]
    folder = os.path.join(current_app.config["UPLOAD_ROOT"], str(patient_id), "id")
    os.makedirs(folder, exist_ok=True)
    photo.save(os.path.join(folder, photo.filename))  #@vuln CWE-22
    return jsonify(status="received"), 201


@patients_bp.get("/<int:patient_id>/welcome")
@require_role("patient")
def welcome(patient_id):
    _check_access(patient_id)
    patient = db.get_or_404(Patient, patient_id)
    campaign = request.args.get("campaign", "")
    banner = Markup(f"<div class='banner'>Welcome back, {patient.first_name}! {campaign}</div>")  #@vuln CWE-79
    return render_template("welcome.html", banner=banner, patient=patient)


@patients_bp.get("/<int:patient_id>/summary")
@require_role("patient", "pharmacist")
def summary(patient_id):
    _check_access(patient_id)
    patient = db.get_or_404(Patient, patient_id)
    heading = request.args.get("heading", "Medication summary")
    items = "".join(
        f"<li>{escape(rx.drug_name)} - {escape(rx.sig or '')}</li>" for rx in patient.prescriptions
    )
    body = f"<h2>{escape(heading)}</h2><p>{escape(patient.display_name)}</p><ul>{items}</ul>"
    return make_response(body, 200, {"Content-Type": "text/html; charset=utf-8"})  #@safe


@patients_bp.get("/<int:patient_id>/message-preview")
@require_role("patient")
def message_preview(patient_id):
    _check_access(patient_id)
    message = request.args.get("message", "")
    html = "<div class='preview'><p>Your pharmacist will see:</p><blockquote>" + message + "</blockquote></div>"
    return make_response(html)  #@vuln CWE-79


@patients_bp.post("/<int:patient_id>/import/bundle")
@require_role("pharmacist")
def import_bundle(patient_id):
    payload = request.get_json(force=True)
    bundle = fhir_client.fetch_bundle(payload["bundle_url"], token=payload.get("token"))
    entries = [e.get("resource", {}).get("resourceType") for e in bundle.get("entry", [])]
    return jsonify(patient_id=patient_id, imported=entries)


@patients_bp.post("/<int:patient_id>/import/partner")
@require_role("pharmacist")
def import_partner_record(patient_id):
    payload = request.get_json(force=True)
    resource = fhir_client.fetch_partner_patient(payload["host"], payload["patient_id"])
    if resource is None:
        return jsonify(error="not found at partner"), 404
    patient = db.get_or_404(Patient, patient_id)
    patient.fhir_ref = f"{payload['host']}/Patient/{resource['id']}"
    db.session.commit()
    return jsonify(fhir_ref=patient.fhir_ref)


@patients_bp.post("/<int:patient_id>/import/xml")
@require_role("pharmacist")
def import_xml_bundle(patient_id):
    upload = request.files["bundle"]
    entries = fhir_client.parse_bundle_xml(upload.read())
    return jsonify(patient_id=patient_id, entries=entries)


@patients_bp.get("/preferences")
@require_role("patient")
def get_preferences():
    raw = request.cookies.get("rx_prefs")
    if not raw:
        return jsonify(DEFAULT_PREFS)
    prefs = pickle.loads(base64.urlsafe_b64decode(raw))  #@vuln CWE-502
    return jsonify({**DEFAULT_PREFS, **prefs})


@patients_bp.put("/preferences")
@require_role("patient")
def save_preferences():
    incoming = request.get_json(force=True)
    prefs = {k: incoming[k] for k in DEFAULT_PREFS if k in incoming}
    resp = make_response(jsonify(prefs))
    encoded = base64.urlsafe_b64encode(pickle.dumps(prefs)).decode()
    resp.set_cookie("rx_prefs", encoded, max_age=90 * 86400, secure=True, httponly=True, samesite="Lax")
    return resp
