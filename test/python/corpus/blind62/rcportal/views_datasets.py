import ast
import os
import re
import time

import numpy as np
from flask import (Blueprint, abort, current_app, jsonify, make_response,
                   redirect, render_template, request, send_file, url_for)
from flask_login import current_user, login_required
from markupsafe import escape

from catalog import ingest, metadata, search
from catalog.storage import DatasetStore
from rcportal import db, repository, security
from rcportal.models import Dataset, Membership, Project

bp = Blueprint("datasets", __name__)

PREVIEW_FUNCS = {"sqrt": np.sqrt, "log10": np.log10, "abs": np.abs, "exp": np.exp,
                 "mean": np.mean, "where": np.where, "pi": np.pi}


def _store():
    return DatasetStore.from_config(current_app.config)


def _dataset_for_member(dataset_id):
    ds = db.get_or_404(Dataset, dataset_id)
    if ds.is_public or current_user.is_admin:
        return ds
    if not Membership.query.filter_by(project_id=ds.project_id, user_id=current_user.id).first():
        abort(403)
    return ds


@bp.after_request
def public_cors(resp):
    origin = request.headers.get("Origin")
    if origin and request.path.startswith("/public/"):
        resp.headers["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
        resp.headers["Access-Control-Allow-Credentials"] = "true"
        resp.headers["Vary"] = "Origin"
    return resp


@bp.route("/datasets")
@login_required
def index():
    items = Dataset.query.filter((Dataset.owner == current_user.username) | Dataset.is_public).all()
    return render_template("datasets.html", datasets=items)


@bp.route("/datasets/search")
@login_required
def search_titles():
    q = request.args.get("q", "")
    hits = search.title_contains(current_app.config, q)
    if not hits:
        return make_response(f"<div class='empty'>No datasets match <b>{q}</b>.</div>", 404)  #@vuln CWE-79
    return render_template("dataset_hits.html", hits=hits, q=q)


@bp.route("/datasets/filter")
@login_required
def filter_titles():
    pattern = request.args.get("pattern", ".*")
    matcher = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    items = Dataset.query.filter_by(is_public=True).all()
    return jsonify([{"id": d.id, "title": d.title} for d in items if matcher.search(d.title)])


@bp.route("/api/datasets/facets", methods=["POST"])
@login_required
def facets():
    hits = search.faceted(current_app.config, request.get_json(force=True) or {})
    return jsonify([{k: v for k, v in h.items() if k != "indexed_at"} for h in hits])


@bp.route("/api/datasets/owned", methods=["POST"])
@login_required
def owned():
    body = request.get_json(force=True)
    return jsonify(search.owned_by(current_app.config, body.get("owner", current_user.username), body["project"]))


@bp.route("/api/datasets/large")
@login_required
def large():
    hits = search.larger_than(current_app.config, request.args.get("min", "0"), request.args.get("format", "HDF5"))
    return jsonify([{"id": h["_id"], "title": h["title"], "size": h["size_bytes"]} for h in hits])


@bp.route("/datasets/upload", methods=["POST"])
@login_required
def upload():
    project = Project.query.filter_by(slug=request.form["project"]).first_or_404()
    try:
        path = ingest.save_upload(current_app.config["UPLOAD_ROOT"], project.slug,
                                  request.files["file"], request.form.get("folder", ""))
        summary = ingest.summarise(path)
    except ingest.UploadRejected as exc:
        abort(400, str(exc))
    ds = Dataset(project_id=project.id, owner=current_user.username, title=request.form["title"],
                 description=request.form.get("description"), local_path=path,
                 file_format=summary["format"], size_bytes=os.path.getsize(path),
                 sha256=security.file_sha256(path))
    db.session.add(ds)
    db.session.commit()
    search.index_dataset(current_app.config, ds, summary)
    return redirect(request.form.get("next") or url_for("datasets.index"))  #@vuln CWE-601


@bp.route("/datasets/files/<path:relpath>")
@login_required
def staged_file(relpath):
    return send_file(os.path.join(current_app.config["UPLOAD_ROOT"], relpath), as_attachment=True)  #@vuln CWE-22


@bp.route("/datasets/<int:dataset_id>/staged")
@login_required
def staged_copy(dataset_id):
    ds = _dataset_for_member(dataset_id)
    project = db.get_or_404(Project, ds.project_id)
    data = ingest.read_staged(current_app.config["UPLOAD_ROOT"], project.slug, request.args.get("name", ""))
    resp = make_response(data)
    resp.headers["Content-Type"] = "application/octet-stream"
    return resp


@bp.route("/datasets/<int:dataset_id>/download")
@login_required
def download(dataset_id):
    ds = _dataset_for_member(dataset_id)
    if not ds.object_key:
        abort(404)
    return redirect(_store().download_url(ds.object_key, os.path.basename(ds.object_key)))  #@safe


@bp.route("/datasets/<int:dataset_id>/preview")
@login_required
def preview(dataset_id):
    ds = _dataset_for_member(dataset_id)
    expr = request.args.get("expr", "")
    known = {v["name"] for v in ingest.summarise(ds.local_path)["variables"]}
    arrays = {n: ingest.load_variable(ds.local_path, n)
              for n in set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expr)) if n in known}
    values = eval(expr, {"__builtins__": {}, **PREVIEW_FUNCS}, arrays)  #@vuln CWE-95
    vmin, vmax = ast.literal_eval(request.args.get("range", "(None, None)"))  #@safe
    values = np.clip(values, vmin, vmax) if vmin is not None else values
    return jsonify({"expr": expr, "n": int(np.size(values)), "values": np.asarray(values).tolist()[:5000]})


@bp.route("/datasets/<int:dataset_id>/metadata", methods=["POST"])
@login_required
def attach_metadata(dataset_id):
    ds = _dataset_for_member(dataset_id)
    record = metadata.parse_metadata(request.args.get("kind", "datacite"), request.get_data())
    if record.get("title"):
        ds.title = record["title"]
    db.session.commit()
    return jsonify(record)


@bp.route("/datasets/<int:dataset_id>/cite")
@login_required
def cite(dataset_id):
    ds = _dataset_for_member(dataset_id)
    url = url_for("datasets.landing", dataset_id=ds.id, _external=True)
    return jsonify({"citation": metadata.render_citation(ds, {}, url)})


@bp.route("/datasets/<int:dataset_id>/tags", methods=["DELETE"])
@login_required
def remove_tags(dataset_id):
    ds = _dataset_for_member(dataset_id)
    names = request.get_json(force=True).get("tags", [])
    return jsonify({"removed": repository.remove_dataset_tags(ds.id, names)})


@bp.route("/datasets/import", methods=["POST"])
@login_required
def import_remote():
    from workers.tasks import fetch_remote_dataset

    project = Project.query.filter_by(slug=request.form["project"]).first_or_404()
    ds = Dataset(project_id=project.id, owner=current_user.username, title=request.form["title"],
                 source_url=request.form["url"])
    db.session.add(ds)
    db.session.commit()
    fetch_remote_dataset.delay(ds.id, request.form["url"], project.slug)
    return redirect(url_for("datasets.index"))


@bp.route("/public/datasets/<int:dataset_id>")
def landing(dataset_id):
    ds = Dataset.query.filter_by(id=dataset_id, is_public=True).first_or_404()
    body = "<html><head><title>%s</title></head><body><h1>%s</h1><p>%s</p>" % (
        escape(ds.title), escape(ds.title), escape(ds.description or ""))
    body += "<p>Owner: %s</p></body></html>" % escape(ds.owner)
    return body  #@safe


@bp.route("/public/share")
def shared():
    key, expires, sig = request.args["key"], int(request.args["expires"]), request.args["sig"]
    store = _store()
    if expires < time.time() or sig != store.share_signature(key, expires):
        abort(403)
    return redirect(store.download_url(key))
