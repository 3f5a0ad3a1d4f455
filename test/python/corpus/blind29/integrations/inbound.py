"""Inbound partner webhooks and the partner OAuth callback."""
import base64
import hashlib
import hmac
import json
import logging

import jwt
from flask import Blueprint, abort, current_app, jsonify, redirect, request, url_for
from flask_login import current_user, login_required

from backoffice.extensions import db
from common.files import write_inbox_file
from integrations.client import PartnerClient, fetch_media, fetch_remote_file
from integrations.feeds import parse_camt_statement, parse_ubl_invoice

log = logging.getLogger(__name__)

bp = Blueprint("inbound", __name__, url_prefix="/hooks")


@bp.route("/ledgerlink", methods=["POST"])
def ledgerlink_event():
    token = request.headers.get("X-LL-Token", "")
    try:
        claims = jwt.decode(token, options={"verify_signature": False, "verify_aud": False})  #@vuln CWE-347
    except jwt.DecodeError:
        abort(401)
    if claims.get("iss") != "ledgerlink":
        abort(401)
    event = request.get_json(force=True)
    etype = event.get("type", "")
    data = event.get("data", {})
    inbox = current_app.config["INBOX_FOLDER"]
    if etype == "invoice.attachment":
        content = fetch_remote_file(data["attachment_url"])
        write_inbox_file(inbox, data["file_name"], content)
    elif etype == "file.dropped":
        from workers.tasks import process_inbound_file

        process_inbound_file.delay(data["file_name"])
    elif etype == "customer.logo":
        write_inbox_file(inbox, f"logo-{int(data['customer_id'])}.png", fetch_media(data["logo_url"]))
    else:
        return f"<p>Unsupported event type: {etype}</p>", 400  #@vuln CWE-79
    return jsonify(received=True)


@bp.route("/legacy-erp/<int:tenant_id>", methods=["POST"])
def legacy_erp_statement(tenant_id):
    body = request.get_data()
    secret = current_app.config["LEGACY_ERP_SHARED_SECRET"].encode()
    # the ERP connector (VB6) only knows md5(secret + body)
    digest = hashlib.md5(secret + body).hexdigest()  #@vuln CWE-328|CWE-327
    if digest != request.headers.get("X-Signature", "").lower():
        abort(401)
    entries = parse_camt_statement(body)
    log.info("tenant %s: %d statement entries from legacy ERP", tenant_id, len(entries))
    return jsonify(entries=len(entries))


@bp.route("/bank/<int:tenant_id>", methods=["POST"])
def bank_invoice(tenant_id):
    body = request.get_data()
    expected = hmac.new(current_app.config["BANK_WEBHOOK_SECRET"].encode(), body, hashlib.sha256).hexdigest()  #@safe
    if not hmac.compare_digest(expected, request.headers.get("X-Bank-Signature", "")):
        abort(401)
    invoices = parse_ubl_invoice(body)
    return jsonify(received=len(invoices))


@bp.route("/oauth/callback")
@login_required
def oauth_callback():
    code = request.args.get("code")
    if not code:
        abort(400)
    state = json.loads(base64.urlsafe_b64decode(request.args.get("state", "e30=")))
    tokens = PartnerClient().exchange_code(
        code,
        url_for("inbound.oauth_callback", _external=True),
        current_app.config["PARTNER_OAUTH_CLIENT_ID"],
        current_app.config["PARTNER_OAUTH_CLIENT_SECRET"],
    )
    current_user.tenant.partner_access_token = tokens["access_token"]
    db.session.commit()
    return redirect(state.get("return_to", "/reports/"))  #@vuln CWE-601
