"""Endpoints that launch and inspect analysis pipeline runs (Celery)."""
import os

from flask import Blueprint, abort, g, jsonify, request, send_file

from common import config
from common.paths import UnsafePath, resolve_under, run_dir
from lims_api.auth import login_required
from pipelines.tasks import archive_run, cleanup_run, qc_report, run_nextflow, run_snakemake

bp = Blueprint("pipelines", __name__, url_prefix="/pipelines")


@bp.post("/snakemake")
@login_required
def launch_snakemake():
    body = request.get_json() or {}
    res = run_snakemake.delay(body["run_id"], body["pipeline"], body.get("samples", []), body.get("config", {}))
    return jsonify(task_id=res.id), 202


@bp.post("/nextflow")
@login_required
def launch_nextflow():
    body = request.get_json() or {}
    res = run_nextflow.delay(body["run_id"], body["pipeline"], body.get("profile", "standard"), body.get("params", {}))
    return jsonify(task_id=res.id), 202


@bp.post("/qc-report")
@login_required
def launch_qc_report():
    body = request.get_json() or {}
    res = qc_report.delay(body["run_id"], body["assay"], body.get("title", "QC report"), g.user["sub"])
    return jsonify(task_id=res.id), 202


@bp.post("/runs/<run_id>/archive")
@login_required
def archive(run_id):
    res = archive_run.delay(run_id, request.args.get("subdir", "results"))
    return jsonify(task_id=res.id), 202


@bp.delete("/runs/<run_id>")
@login_required
def delete_run(run_id):
    if "lab_admin" not in g.user.get("roles", []):
        abort(403)
    cleanup_run.delay(run_id)
    return "", 204


@bp.get("/runs/<run_id>/log")
@login_required
def run_log(run_id):
    name = request.args.get("file", "snakemake.log")
    path = os.path.join(run_dir(run_id), "logs", name)
    if not os.path.exists(path):
        abort(404)
    with open(path, encoding="utf-8", errors="replace") as fh:  #@vuln CWE-22
        lines = fh.readlines()[-500:]
    return jsonify(lines=lines)


@bp.get("/runs/<run_id>/report")
@login_required
def run_report(run_id):
    try:
        path = resolve_under(config.PIPELINE_WORKDIR, run_id, "report", request.args.get("file", "multiqc_report.html"))
    except UnsafePath:
        abort(400)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path)  #@safe
