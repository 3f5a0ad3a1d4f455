"""HTTP API: uploads, downloads, sharing and imports."""
import logging
import os
import pickle
import tempfile
from urllib.parse import urlparse

import yaml
from flask import Blueprint, abort, g, jsonify, make_response, redirect, render_template_string, request, send_file, send_from_directory, session
from markupsafe import escape
from werkzeug.utils import secure_filename

from common import archives, fetch, settings, tokens
from filevault import db, storage
from filevault.auth import check_password, ldap_group_members, ldap_lookup, login_required

log = logging.getLogger(__name__)
bp = Blueprint("files", __name__)

SHARE_PW_FORM = '<form method="post" action="/s/{{ code }}"><label>Password</label><input type="password" name="password"><button>Open</button></form>'


def _local_target(target):
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or urlparse(target).netloc:
        return "/"
    return target


# --- auth -----------------------------------------------------------------

@bp.post("/login")
def login():
    user = db.get_user(request.form.get("username", ""))
    if user is None or not check_password(request.form.get("password", ""), user["password_hash"]):
        abort(401)
    session.clear()
    session.update(user_id=user["id"], tenant_id=user["tenant_id"])
    resp = make_response(redirect(_local_target(request.args.get("next"))))  #@safe
    resp.set_cookie("fv_tenant", str(user["tenant_id"]), secure=True, httponly=True, samesite="Lax")  #@safe
    return resp


@bp.get("/sso/callback")
def sso_callback():
    # the IdP already authenticated the user; session is set by the SSO middleware
    relay = request.args.get("RelayState") or "/"
    return redirect(relay)  #@vuln CWE-601


@bp.get("/api/directory")
@login_required
def directory():
    if request.args.get("group"):
        return jsonify(members=ldap_group_members(request.args["group"]))
    return jsonify(users=ldap_lookup(request.args.get("user", "")))


# --- files ----------------------------------------------------------------

@bp.post("/api/files")
@login_required
def upload():
    f = request.files.get("file")
    if f is None or not f.filename:
        abort(400, "no file")
    name, stored, size = storage.save_upload(g.tenant_id, f)
    file_id = db.insert_file(g.tenant_id, g.user_id, name, stored, size, f.mimetype, request.form.get("folder", ""))
    return jsonify(id=file_id, name=name, link=tokens.sign_download_link(g.tenant_id, file_id)), 201


@bp.get("/api/files/<int:file_id>")
@login_required
def download(file_id):
    row = db.get_file(g.tenant_id, file_id)
    if row is None:
        abort(404)
    return send_from_directory(storage.tenant_dir(g.tenant_id), row["stored_path"], as_attachment=True, download_name=row["name"])  #@safe


@bp.get("/api/raw")
@login_required
def raw_download():
    # legacy desktop client asks for files by their relative path
    rel = request.args.get("path", "")
    return send_file(os.path.join(storage.tenant_dir(g.tenant_id), rel))  #@vuln CWE-22


@bp.put("/api/sync/<path:rel_path>")
@login_required
def sync_put(rel_path):
    folder, _, filename = rel_path.rpartition("/")
    dest = storage.save_raw(g.tenant_id, folder, filename, request.get_data())
    return jsonify(stored=os.path.basename(dest)), 201


@bp.get("/api/sync/<path:rel_path>")
@login_required
def sync_get(rel_path):
    try:
        full = storage.resolve_in_tenant(g.tenant_id, rel_path)
    except PermissionError:
        abort(404)
    return send_file(full, as_attachment=True)  #@safe


@bp.get("/api/search")
@login_required
def search():
    rows = db.search_files(g.tenant_id, request.args.get("q", ""), request.args.get("sort", "created_at"), request.args.get("dir", "desc"))
    return jsonify([dict(r) for r in rows])


@bp.get("/api/folders")
@login_required
def folder_listing():
    if "folder" in request.args:
        return jsonify([dict(r) for r in db.list_folder(g.tenant_id, request.args["folder"])])
    return jsonify([dict(r) for r in db.recent_files(g.tenant_id, request.args.get("sort", "created_at"))])


@bp.patch("/api/files/<int:file_id>")
@login_required
def rename(file_id):
    db.rename_file(g.tenant_id, file_id, request.get_json(force=True)["name"])
    return jsonify(ok=True)


@bp.get("/preview/<int:file_id>")
@login_required
def preview(file_id):
    row = db.get_file(g.tenant_id, file_id)
    if row is None:
        abort(404)
    caption = request.args.get("caption", "")
    return f"<html><body><h1>{escape(row['name'])}</h1><p class='caption'>{caption}</p><img src='/api/files/{file_id}'></body></html>"  #@vuln CWE-79


@bp.get("/embed/<int:file_id>")
def embed(file_id):
    title = request.args.get("title", "")
    return f"<figure><img src='/api/files/{file_id}' alt='{escape(title)}'><figcaption>{escape(title)}</figcaption></figure>"  #@safe


# --- sharing --------------------------------------------------------------

@bp.post("/api/files/<int:file_id>/share")
@login_required
def create_share(file_id):
    if db.get_file(g.tenant_id, file_id) is None:
        abort(404)
    body = request.get_json(force=True) or {}
    code = tokens.share_code()
    pw_hash = tokens.hash_share_password(body["password"]) if body.get("password") else None
    db.create_share(g.tenant_id, file_id, code, pw_hash)
    return jsonify(code=code, url=f"/s/{code}"), 201


@bp.route("/s/<code>", methods=["GET", "POST"])
def open_share(code):
    share = db.get_share(code)
    if share is None:
        abort(404)
    if share["password_hash"]:
        if request.method == "GET":
            return render_template_string(SHARE_PW_FORM, code=code)  #@safe
        if not tokens.check_share_password(request.form.get("password", ""), share["password_hash"]):
            abort(403)
    link = tokens.sign_download_link(share["tenant_id"], share["file_id"])
    resp = make_response(redirect(link))
    resp.set_cookie("share_" + code, link, max_age=86400)  #@vuln CWE-614|CWE-1004
    return resp


@bp.get("/s/<code>/landing")
def share_landing(code):
    if db.get_share(code) is None:
        abort(404)
    greeting = request.args.get("msg", "Someone shared a file with you")
    return render_template_string("<h2>" + greeting + "</h2><a href='/s/{{ code }}'>Open</a>", code=code)  #@vuln CWE-1336


@bp.get("/d/<int:tenant_id>/<int:file_id>")
def signed_download(tenant_id, file_id):
    exp, sig = request.args.get("exp", "0"), request.args.get("sig", "")
    ok = tokens.verify_download_link(tenant_id, file_id, exp, sig)
    if not ok and request.args.get("v") == "1":
        ok = sig == tokens.legacy_link_signature(file_id, exp)
    if not ok:
        abort(403)
    row = db.get_file(tenant_id, file_id)
    if row is None:
        abort(404)
    return send_from_directory(storage.tenant_dir(tenant_id), row["stored_path"], as_attachment=True, download_name=row["name"])


# --- imports --------------------------------------------------------------

@bp.post("/api/import/archive")
@login_required
def import_archive():
    up = request.files["archive"]
    is_zip = up.filename.lower().endswith(".zip")
    with tempfile.NamedTemporaryFile(suffix=".zip" if is_zip else ".tar", dir=settings.TMP_ROOT) as tmp:
        up.save(tmp.name)
        extract = archives.extract_zip if is_zip else archives.extract_tar
        names = extract(tmp.name, storage.tenant_dir(g.tenant_id))
    return jsonify(imported=len(names))


@bp.post("/api/import/backup")
@login_required
def import_backup():
    up = request.files["backup"]
    with tempfile.NamedTemporaryFile(suffix=".tar.gz", dir=settings.TMP_ROOT) as tmp:
        up.save(tmp.name)
        try:
            names = archives.safe_extract_tar(tmp.name, storage.tenant_dir(g.tenant_id))
        except archives.ArchiveError as exc:
            abort(400, str(exc))
    return jsonify(restored=len(names))


@bp.post("/api/import/url")
@login_required
def import_url():
    body = request.get_json(force=True)
    url = body.get("url", "")
    try:
        data = fetch.download_from_partner(url) if body.get("partner") else fetch.download(url)
    except fetch.FetchError as exc:
        abort(400, str(exc))
    name = secure_filename(os.path.basename(urlparse(url).path)) or "download.bin"
    stored = storage.save_bytes(g.tenant_id, name, data)
    file_id = db.insert_file(g.tenant_id, g.user_id, name, stored, len(data), "application/octet-stream")
    return jsonify(id=file_id, name=name), 201


@bp.get("/api/import/preview")
@login_required
def import_preview():
    return jsonify(fetch.head_info(request.args["url"]))


@bp.post("/api/partner/push")
def partner_push():
    claims = tokens.decode_partner_token(request.headers.get("X-Partner-Token", ""))
    tenant_id = int(claims["tenant"])
    name, stored, size = storage.save_upload(tenant_id, request.files["file"])
    file_id = db.insert_file(tenant_id, claims.get("sub", "partner"), name, stored, size, request.files["file"].mimetype)
    return jsonify(id=file_id), 201


@bp.post("/api/settings/import")
@login_required
def import_settings():
    raw = request.files["settings"].read()
    if request.args.get("format") == "legacy":
        prefs = pickle.loads(raw)  #@vuln CWE-502
    else:
        prefs = yaml.safe_load(raw)  #@safe
    session["prefs"] = {k: prefs[k] for k in ("theme", "lang", "page_size") if k in prefs}
    return jsonify(session["prefs"])


@bp.post("/api/rules")
@login_required
def upload_rules():
    rules = yaml.load(request.get_data(), Loader=yaml.Loader)  #@vuln CWE-502
    if not isinstance(rules, list):
        abort(400, "expected a list of rules")
    log.info("tenant %s uploaded %d retention rules", g.tenant_id, len(rules))
    return jsonify(count=len(rules))
