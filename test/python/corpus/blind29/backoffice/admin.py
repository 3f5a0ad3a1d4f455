"""Admin area: users, templates, branding, webhooks, maintenance and diagnostics."""
import base64
import pickle
import subprocess

from flask import (Blueprint, abort, current_app, jsonify, redirect,
                   render_template, render_template_string, request, url_for)
from flask_login import current_user
from markupsafe import Markup, escape
from pymongo import MongoClient
from sqlalchemy import text

from backoffice.extensions import db
from backoffice.models import DiscountRule, EmailTemplate, Invoice, User, WebhookEndpoint
from backoffice.notify import send_template_mail
from common.files import read_log_tail
from common.security import new_secret, random_password
from integrations.client import check_webhook_reachable
from integrations.directory import find_staff

bp = Blueprint("admin", __name__, url_prefix="/admin")

MAINTENANCE_TASKS = {
    "reindex": ["/usr/local/bin/bo-manage", "reindex-search"],
    "purge-exports": ["/usr/local/bin/bo-manage", "purge-exports", "--older-than", "30d"],
    "refresh-fx": ["/usr/local/bin/bo-manage", "refresh-fx-rates"],
}

_mongo = None


def audit_store():
    global _mongo
    if _mongo is None:
        _mongo = MongoClient(current_app.config["MONGO_URL"], serverSelectionTimeoutMS=3000)
    return _mongo.backoffice.audit_events


@bp.before_request
def require_admin():
    if not current_user.is_authenticated or not current_user.is_admin:
        abort(403)


@bp.route("/users")
def users():
    q = request.args.get("q", "")
    query = User.query.filter_by(tenant_id=current_user.tenant_id)
    if q:
        query = query.filter(text(f"(email ILIKE '%{q}%' OR full_name ILIKE '%{q}%')"))  #@vuln CWE-89
    return render_template("admin/users.html", users=query.order_by(User.email).all(), q=q)


@bp.route("/users/invite", methods=["POST"])
def invite_user():
    email = request.form["email"].strip().lower()
    temp_password = random_password()
    user = User(tenant_id=current_user.tenant_id, email=email,
                full_name=request.form.get("full_name", ""), role="member")
    user.set_password(temp_password)
    db.session.add(user)
    db.session.commit()
    send_template_mail(email, "invite", subject="You have been invited", user=user, temp_password=temp_password)
    return redirect(url_for("admin.users"))


@bp.route("/directory")
def directory_lookup():
    return jsonify(find_staff(request.args.get("q", "")))


@bp.route("/templates/<int:template_id>/preview", methods=["POST"])
def preview_template(template_id):
    tpl = EmailTemplate.query.filter_by(id=template_id, tenant_id=current_user.tenant_id).first_or_404()
    body = request.form.get("body", tpl.body)
    sample = Invoice.query.filter_by(tenant_id=current_user.tenant_id).first()
    return render_template_string(body, invoice=sample, tenant=current_user.tenant, user=current_user)  #@vuln CWE-1336


@bp.route("/banner", methods=["POST"])
def preview_banner():
    message = request.form.get("message", "")
    level = request.form.get("level", "info")
    return Markup(f'<div class="alert alert-{level}">{message}</div>')  #@vuln CWE-79


@bp.route("/branding", methods=["POST"])
def branding():
    from workers.tasks import refresh_tenant_logo

    tenant = current_user.tenant
    tenant.logo_url = request.form.get("logo_url", "").strip()
    tenant.email_footer = request.form.get("email_footer", "")
    db.session.commit()
    if tenant.logo_url:
        refresh_tenant_logo.delay(tenant.id)
    return redirect(url_for("admin.users"))


@bp.route("/discount-rules", methods=["POST"])
def add_discount_rule():
    rule = DiscountRule(tenant_id=current_user.tenant_id, name=request.form["name"],
                        expression=request.form["expression"], percent=int(request.form.get("percent", 0)))
    db.session.add(rule)
    db.session.commit()
    return jsonify(id=rule.id)


@bp.route("/webhooks", methods=["POST"])
def add_webhook():
    endpoint = WebhookEndpoint(tenant_id=current_user.tenant_id, url=request.form["url"].strip(),
                               secret=new_secret(), event_types=request.form.get("events", "*"))
    db.session.add(endpoint)
    db.session.commit()
    return jsonify(id=endpoint.id, secret=endpoint.secret)


@bp.route("/webhooks/test", methods=["POST"])
def test_webhook():
    url = request.form["url"]
    return jsonify(url=url, status=check_webhook_reachable(url))


@bp.route("/maintenance", methods=["POST"])
def maintenance():
    task = request.form.get("task", "")
    if task not in MAINTENANCE_TASKS:
        abort(400)
    result = subprocess.run(MAINTENANCE_TASKS[task], capture_output=True, text=True, timeout=600)  #@safe
    return jsonify(task=task, rc=result.returncode, output=result.stdout[-4000:])


@bp.route("/diagnostics/ping")
def ping_host():
    host = request.args.get("host", "db.internal")
    out = subprocess.run(f"ping -c 3 -W 2 {host}", shell=True, capture_output=True, text=True, timeout=30)  #@vuln CWE-78
    return jsonify(rc=out.returncode, output=out.stdout)


@bp.route("/logs")
def view_log():
    name = request.args.get("file", "app.log")
    lines = read_log_tail(current_app.config["LOG_FOLDER"], name)
    return "<pre>" + str(escape("".join(lines))) + "</pre>"


@bp.route("/saved-views", methods=["POST"])
def restore_saved_view():
    # the invoice grid serialises its filter state client side and posts it back here
    state = pickle.loads(base64.b64decode(request.form["state"]))  #@vuln CWE-502
    return jsonify(filters=state.get("filters", {}), columns=state.get("columns", []))


@bp.route("/audit-events")
def audit_events():
    actor = request.args.get("actor", "")
    events = audit_store().find({"tenant_id": current_user.tenant_id, "actor": actor}).sort("ts", -1).limit(200)  #@safe
    return jsonify([{k: v for k, v in e.items() if k != "_id"} for e in events])


@bp.route("/audit-events/by-action")
def audit_events_by_action():
    prefix = request.args.get("prefix", "")
    events = audit_store().find({"tenant_id": current_user.tenant_id, "$where": f"this.action.indexOf('{prefix}') === 0"}).limit(200)  #@vuln CWE-943
    return jsonify([{k: v for k, v in e.items() if k != "_id"} for e in events])
