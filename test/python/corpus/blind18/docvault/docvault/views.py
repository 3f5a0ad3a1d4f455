import os
import random

from flask import Blueprint, abort, current_app, request, send_file
from ldap3 import Connection, Server, SUBTREE
from lxml import etree

from . import archives, importers, jobs, repository, storage

bp = Blueprint("docs", __name__, url_prefix="/docs")


def _directory():
    server = Server(current_app.config["LDAP_URL"], use_ssl=True)
    return Connection(server, auto_bind=True)


@bp.get("/<int:owner_id>/raw")
def raw(owner_id):
    rel = request.args["path"]
    return send_file(os.path.join(storage.user_dir(owner_id), rel))  #@vuln CWE-22


@bp.get("/<int:owner_id>/download")
def download(owner_id):
    try:
        path = storage.resolve_user_path(owner_id, request.args["path"])
    except PermissionError:
        abort(404)
    return send_file(path, as_attachment=True)  #@safe


@bp.get("/<int:owner_id>/text")
def text(owner_id):
    return {"body": storage.read_text(owner_id, request.args["path"])}


@bp.get("/<int:owner_id>/search")
def search(owner_id):
    if "tag" in request.args:
        rows = repository.documents_with_tag(owner_id, request.args["tag"])
    else:
        rows = repository.documents_by_title(owner_id, request.args.get("title", ""))
    return {"documents": [dict(r) for r in rows]}


@bp.post("/<int:owner_id>/bundle")
def upload_bundle(owner_id):
    uploaded = storage.save_upload(owner_id, request.files["bundle"])
    dest = storage.user_dir(owner_id)
    if uploaded.endswith(".zip"):
        files = archives.extract_zip(uploaded, dest)
    elif request.args.get("strict") == "1":
        files = archives.extract_tar_checked(uploaded, dest)
    else:
        files = archives.extract_tar(uploaded, dest)
    return {"extracted": len(files)}


@bp.post("/<int:owner_id>/import-url")
def import_url(owner_id):
    body = request.get_json(force=True)
    path = storage.download_to(body["url"], owner_id, body.get("name", "remote.bin"))
    return {"stored": os.path.basename(path)}, 201


@bp.post("/<int:owner_id>/convert")
def convert(owner_id):
    fmt = request.form.get("format", "pdf")
    src = storage.resolve_user_path(owner_id, request.form["path"])
    outdir = storage.user_dir(owner_id)
    status = os.system(f"soffice --headless --convert-to {fmt} --outdir {outdir} '{src}'")  #@vuln CWE-78
    return {"ok": status == 0}


@bp.post("/<int:owner_id>/thumbnail")
def thumbnail(owner_id):
    src = storage.resolve_user_path(owner_id, request.form["path"])
    job = jobs.enqueue_thumbnail(src, request.form.get("size", "256x256"))
    return {"job": job.id}, 202


@bp.post("/metadata")
def metadata():
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)  #@vuln CWE-611
    root = etree.fromstring(request.get_data(), parser)
    return {"title": root.findtext("title"), "author": root.findtext("author")}


@bp.post("/<int:owner_id>/import/<kind>")
def import_file(owner_id, kind):
    upload = request.files["file"]
    if kind == "manifest":
        data = importers.load_manifest(upload.stream)
    elif kind == "editor-state":
        data = importers.restore_editor_state(upload.read().decode("utf-8"))
    elif kind == "legacy-index":
        data = importers.import_legacy_index(storage.save_upload(owner_id, upload))
    elif kind == "tag-catalog":
        data = importers.parse_tag_catalog(upload.stream)
    elif kind == "sidecar":
        data = importers.parse_sidecar(upload.read())
    else:
        abort(404)
    return {"kind": kind, "entries": len(data or [])}


@bp.post("/<int:document_id>/share")
def share(document_id):
    recipient = request.form["recipient"]
    conn = _directory()
    conn.search(current_app.config["LDAP_BASE_DN"], "(&(objectClass=inetOrgPerson)(cn=" + recipient + "))", search_scope=SUBTREE, attributes=["mail"])  #@vuln CWE-90
    if not conn.entries:
        abort(404)
    pin = "%06d" % random.randint(0, 999999)  #@vuln CWE-338|CWE-330
    current_app.logger.info("share %s -> %s", document_id, conn.entries[0].entry_dn)
    return {"recipient": str(conn.entries[0].mail), "pin": pin}
