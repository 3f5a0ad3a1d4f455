"""Flask blueprint for certificates of analysis and the customer portal."""
import hmac
import random
import time

from flask import Blueprint, Response, abort, g, jsonify, redirect, request, send_from_directory
from sqlalchemy import text

from coa import render
from common import config
from common.security import sign_download
from lims_api.auth import login_required
from lims_api.repository import SampleRepository, SessionLocal

bp = Blueprint("coa", __name__, url_prefix="/coa")


def _customer(customer_id):
    row = SessionLocal().execute(text("SELECT * FROM customers WHERE id = :cid"), {"cid": customer_id}).mappings().first()  #@safe
    if not row:
        abort(404)
    return dict(row)


def _results(sample_ids):
    rows = SessionLocal().execute(text("SELECT sample_id, analyte, value, unit, method FROM results WHERE sample_id = ANY(:ids) ORDER BY sample_id, analyte"), {"ids": list(sample_ids)})
    return [dict(r) for r in rows.mappings()]


@bp.post("/generate")
@login_required
def generate():
    body = request.get_json() or {}
    lot_number = body["lot_number"]
    sample_ids = body.get("samples", [])
    repo = SampleRepository()
    samples = [s for s in (repo.get(sid) for sid in sample_ids) if s]
    ctx = render.build_context(lot_number, _customer(body["customer_id"]), samples, _results(sample_ids), g.user["name"])
    html = render.render_html(ctx)
    if body.get("appendix_url"):
        ctx["appendix_pages"] = len(render.pdf_from_url(body["appendix_url"]))
    path = render.write_certificate(lot_number, html, sample_ids[0] if sample_ids else None)
    expires = int(time.time()) + 14 * 86400
    return jsonify(path=path, download=f"/coa/{lot_number}/download?expires={expires}&sig={sign_download(lot_number, expires)}")


@bp.get("/<lot_number>/preview")
@login_required
def preview(lot_number):
    customer = _customer(request.args.get("customer_id", type=int))
    sample_ids = request.args.getlist("sample")
    repo = SampleRepository()
    samples = [s for s in (repo.get(sid) for sid in sample_ids) if s]
    ctx = render.build_context(lot_number, customer, samples, _results(sample_ids), g.user["name"])
    return Response(render.render_preview(ctx), mimetype="text/html")


@bp.get("/<lot_number>/download")
def download(lot_number):
    expires = request.args.get("expires", type=int) or 0
    sig = request.args.get("sig", "")
    if expires < time.time() or not hmac.compare_digest(sign_download(lot_number, expires), sig):
        abort(403)
    return send_from_directory(config.COA_DIR, f"{lot_number}.pdf", as_attachment=True)  #@safe


@bp.post("/portal/access-code")
@login_required
def portal_access_code():
    customer_id = request.get_json()["customer_id"]
    code = f"{random.randint(0, 999999):06d}"  #@vuln CWE-338
    session = SessionLocal()
    session.execute(text("INSERT INTO portal_codes (customer_id, code, expires_at) VALUES (:c, :code, now() + interval '2 days')"), {"c": customer_id, "code": code})
    session.commit()
    return jsonify(code=code)


@bp.get("/portal/done")
def portal_done():
    # the customer portal sends people back to their own intranet afterwards
    return redirect(request.args.get("to", "/"))  #@vuln CWE-601
