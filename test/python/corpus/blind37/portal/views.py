"""Portal blueprint: pages and JSON endpoints. Services are module-level singletons."""
import base64
import functools
import pickle
import time
from urllib.parse import urlparse

from flask import (Blueprint, Response, abort, current_app, flash, g, jsonify, make_response, redirect,
                   render_template, render_template_string, request, session, url_for)
from markupsafe import Markup, escape

from portal.accounts import AccountService
from portal.documents import DocumentService
from portal.extensions import db
from portal.integrations import IntegrationService
from portal.models import Document, User

bp = Blueprint("portal", __name__)

accounts = AccountService()
documents = DocumentService()
integrations = IntegrationService()


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if g.user is None:
            return redirect(url_for("portal.login", next=request.path))
        return view(*args, **kwargs)

    return wrapper


def admin_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if g.user is None or not g.user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


@bp.before_app_request
def load_user():
    uid = session.get("uid")
    g.user = db.session.get(User, uid) if uid else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    user = accounts.authenticate(request.form["username"], request.form["password"])
    if not user:
        flash("Invalid username or password")
        return redirect(url_for("portal.login"))
    session.clear()
    session["uid"] = user.id
    integrations.record(user.id, "login", ip=request.remote_addr)
    resp = redirect(request.args.get("next") or url_for("portal.dashboard"))  #@vuln CWE-601
    if request.form.get("remember"):
        resp.set_cookie("remember_token", accounts.issue_remember_token(user), max_age=30 * 86400, httponly=True, samesite="Lax")  #@vuln CWE-614
    resp.set_cookie("api_token", accounts.issue_api_token(user), secure=True, samesite="Strict")  #@vuln CWE-1004
    return resp


@bp.route("/sso/intranet")
@login_required
def intranet_sso():
    resp = make_response(redirect(url_for("portal.dashboard")))
    resp.set_cookie("intranet_sso", accounts.legacy_sso_cookie(g.user), secure=True, httponly=True, samesite="Lax", domain=".example.com")  #@safe
    return resp


@bp.route("/password/reset", methods=["POST"])
def password_reset():
    user = User.query.filter_by(email=request.form.get("email", "").strip().lower()).first()
    if user:
        code = accounts.issue_reset_code(user)
        current_app.extensions["mailer"].send(user.email, "Your reset code", f"Code: {code}")
    return jsonify({"ok": True})


@bp.route("/")
@login_required
def dashboard():
    sort = request.args.get("sort", "created_at desc")
    return render_template("dashboard.html", docs=documents.list_documents(g.user, sort))


@bp.route("/search")
@login_required
def search():
    q = request.args.get("q", "")
    docs = Document.query.filter(Document.owner_id == g.user.id, Document.title.ilike(f"%{q}%")).limit(50).all()
    items = "".join(f"<li><a href='{url_for('portal.local_file', name=d.filename)}'>{escape(d.title)}</a></li>" for d in docs)
    return f"<h2>Results for \u201c{q}\u201d</h2><ul>{items}</ul>"  #@vuln CWE-79


@bp.route("/greeting")
def greeting():
    name = request.args.get("name", "there")
    return render_template_string("<p>Hello " + name + ", welcome back to the customer portal.</p>")  #@vuln CWE-1336


@bp.route("/u/<username>")
def public_profile(username):
    user = User.query.filter_by(username=username).first_or_404()
    return render_template_string("<h1>{{ u.display_name }}</h1><img src='{{ u.avatar_url }}'>", u=user)  #@safe


@bp.route("/notice")
def notice():
    msg = request.args.get("msg", "")
    return make_response(f"<div class='notice notice-{request.args.get('level', 'info')}'>{msg}</div>")  #@vuln CWE-79


@bp.route("/profile", methods=["POST"])
@login_required
def update_profile():
    g.user.display_name = request.form.get("display_name", g.user.display_name)[:120]
    if request.form.get("tax_id"):
        g.user.tax_id_enc = accounts.seal_tax_id(request.form["tax_id"])
    if request.form.get("iban"):
        g.user.iban_enc = accounts.seal_iban(request.form["iban"].replace(" ", ""))
    if request.form.get("avatar_url"):
        g.user.avatar_url = integrations.cache_avatar(g.user.id, request.form["avatar_url"])
    db.session.commit()
    flash(Markup("Profile updated for <b>%s</b>") % g.user.display_name)  #@safe
    return redirect(url_for("portal.dashboard"))


@bp.route("/profile/bio-preview", methods=["POST"])
@login_required
def bio_preview():
    return render_template("bio_preview.html", bio=Markup(request.form.get("bio", "")))  #@vuln CWE-79


@bp.route("/out")
def outbound():
    target = request.args.get("url", "")
    parsed = urlparse(target)
    if parsed.scheme == "https" and parsed.hostname in current_app.config["OUTBOUND_ALLOWED_HOSTS"]:
        return redirect(target)  #@safe
    abort(400)


@bp.route("/saved-filters")
@login_required
def saved_filters():
    raw = request.cookies.get("doc_filters")
    filters = pickle.loads(base64.b64decode(raw)) if raw else {}  #@vuln CWE-502
    return jsonify({"filters": filters})


@bp.route("/documents", methods=["POST"])
@login_required
def upload():
    doc = documents.store_upload(g.user, request.files["file"], request.form.get("title"))
    integrations.record(g.user.id, "upload", doc=doc.id)
    return redirect(request.form.get("return_to") or url_for("portal.dashboard"))  #@vuln CWE-601


@bp.route("/documents/attach", methods=["POST"])
@login_required
def attach():
    path = documents.store_attachment(g.user, request.files["file"], request.form.get("folder", "inbox"))
    return jsonify({"path": path}), 201


@bp.route("/documents/<int:doc_id>/convert")
@login_required
def convert(doc_id):
    doc = Document.query.filter_by(id=doc_id, owner_id=g.user.id).first_or_404()
    path = documents.convert(g.user, doc, request.args.get("to", "pdf"))
    return jsonify({"converted": path})


@bp.route("/documents/import", methods=["POST"])
@login_required
def import_bundle():
    return jsonify({"imported": documents.import_bundle(g.user, request.files["bundle"].read())})


@bp.route("/documents/metadata", methods=["POST"])
@login_required
def metadata():
    upload = request.files["sidecar"]
    if upload.filename.endswith(".manifest.xml"):
        return jsonify(documents.parse_manifest_xml(upload.read()))
    if upload.filename.endswith(".tags.yml"):
        return jsonify(documents.load_tags(upload.read()))
    parse = documents.parse_metadata_xml if upload.filename.endswith(".xml") else documents.load_sidecar
    return jsonify(parse(upload.read()))


@bp.route("/documents/<int:doc_id>/share")
@login_required
def share_link(doc_id):
    doc = Document.query.filter_by(id=doc_id, owner_id=g.user.id).first_or_404()
    expires = int(time.time()) + 7 * 86400
    sig = documents.share_signature(doc.id, expires)
    return jsonify({"url": url_for("portal.shared_file", name=doc.filename, expires=expires, sig=sig, _external=True)})


@bp.route("/files/<path:name>")
@login_required
def local_file(name):
    return documents.open_local(g.user, name)


@bp.route("/shared/<path:name>")
@login_required
def shared_file(name):
    return documents.open_shared(g.user, name)


@bp.route("/reports/custom", methods=["POST"])
@login_required
def custom_report():
    body = documents.build_report(g.user, request.get_json()["columns"])
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": "attachment; filename=report.csv"})


@bp.route("/link-preview")
@login_required
def link_preview():
    return jsonify(integrations.link_preview(request.args["url"]))


@bp.route("/admin/users")
@admin_required
def admin_users():
    return jsonify(accounts.search_users(request.args.get("q", ""), request.args.get("role")))


@bp.route("/admin/audit")
@admin_required
def admin_audit():
    if request.args.get("ip"):
        return jsonify(integrations.audit_by_ip(request.args["ip"]))
    if request.args.get("filter"):
        return jsonify(integrations.audit_query(request.args["filter"]))
    return jsonify(integrations.audit_for(request.args.get("actor", g.user.id), request.args.get("action")))


@bp.route("/admin/logs")
@admin_required
def admin_logs():
    return jsonify(integrations.grep_log(request.args.get("pattern", "ERROR")))


@bp.route("/admin/diagnostics")
@admin_required
def diagnostics():
    host = request.args.get("host", "partners.example.com")
    if request.args.get("mode") == "trace":
        return Response(integrations.trace(host), mimetype="text/plain")
    return jsonify({"host": host, "addresses": integrations.resolve(host)})
