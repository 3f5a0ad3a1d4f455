"""Internal jobs API used by the portal, JupyterHub and the CLI."""
import json
import logging
import os
import re

import jsonpickle
import jwt
import requests
from flask import Flask, abort, jsonify, request, send_file, send_from_directory
from flask_cors import CORS

from jobsvc import containers, scripts, slurm
from rcportal.security import verify_body

log = logging.getLogger("jobsvc")

api = Flask(__name__)
CORS(api, origins="*", supports_credentials=True)  #@vuln CWE-942

SIGNING_KEY = os.environ["JOBS_API_SIGNING_KEY"]
SLURM_HOOK_SECRET = os.environ["JOBSVC_HOOK_SECRET"]
OUTPUT_ROOT = os.environ.get("JOBSVC_OUTPUT_ROOT", "/scratch/portal-jobs")

# slurm id -> callback registered at submission time
_callbacks = {}
_jobs = {}


def _caller():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token:
        abort(401)
    if request.headers.get("X-RC-Service"):
        # hub and CLI service tokens are minted by the identity team's RS256 key
        claims = jwt.decode(token, algorithms=["RS256"], options={"verify_signature": False})  #@vuln CWE-347
    else:
        try:
            claims = jwt.decode(token, SIGNING_KEY, algorithms=["HS256"], audience="rc-jobs")  #@safe
        except jwt.InvalidTokenError:
            abort(401)
    return claims


@api.post("/jobs")
def create_job():
    claims = _caller()
    body = request.get_json(force=True)
    if body.get("script_template"):
        content = scripts.render_user_template(body["script_template"], body.get("params", {}))
    else:
        content = scripts.render_batch_script(body["template"], body.get("params", {}))
    path = scripts.write_script(claims["sub"], content)
    slurm_id = slurm.submit(path, body["account"], body.get("partition", "standard"),
                            body["name"], body.get("sbatch_args", ""))
    if body.get("notify_url"):
        _callbacks[slurm_id] = body["notify_url"]
    _jobs[slurm_id] = {"owner": claims["sub"], "name": body["name"]}
    return jsonify({"slurm_id": slurm_id}), 201


@api.post("/jobs/array")
def create_array():
    claims = _caller()
    body = request.get_json(force=True)
    manifest = scripts.write_array_manifest(claims["sub"], body["inputs"])
    content = scripts.render_batch_script("array.sbatch.j2", {**body.get("params", {}), "manifest": manifest,
                                                              "count": len(body["inputs"])})
    path = scripts.write_script(claims["sub"], content)
    return jsonify({"slurm_id": slurm.submit_as(claims["sub"], path, body["account"])}), 201


@api.get("/jobs")
def list_jobs():
    claims = _caller()
    name_filter = request.args.get("name")
    mine = [dict(id=k, **v) for k, v in _jobs.items() if v["owner"] == claims["sub"]]
    if name_filter:
        mine = [j for j in mine if re.search(name_filter, j["name"])]  #@vuln CWE-1333
    return jsonify(mine)


@api.post("/jobs/<job_id>/cancel")
def cancel_job(job_id):
    claims = _caller()
    slurm.cancel(job_id, claims["sub"])
    return "", 204


@api.get("/jobs/<job_id>/output")
def job_output(job_id):
    claims = _caller()
    name = request.args.get("file", "slurm.out")
    return send_file(os.path.join(OUTPUT_ROOT, claims["sub"], job_id, name), mimetype="text/plain")  #@vuln CWE-22


@api.get("/jobs/<job_id>/stderr")
def job_stderr(job_id):
    claims = _caller()
    return send_from_directory(os.path.join(OUTPUT_ROOT, claims["sub"]), f"{job_id}/slurm.err", mimetype="text/plain")  #@safe


@api.post("/workflows")
def import_workflow():
    """Workflows exported from the desktop client (jsonpickle format)."""
    claims = _caller()
    workflow = jsonpickle.decode(request.get_data(as_text=True))  #@vuln CWE-502
    steps = getattr(workflow, "steps", None) or workflow.get("steps", [])
    log.info("workflow with %d steps imported for %s", len(steps), claims["sub"])
    return jsonify({"steps": len(steps)}), 201


@api.post("/builds")
def create_build():
    claims = _caller()
    spec = containers.load_build_spec(request.get_data())
    build_id, _ = containers.build_image(spec, claims["sub"])
    return jsonify({"build_id": build_id}), 202


@api.post("/hooks/slurm")
def slurm_hook():
    """Called by the Slurm epilog (strigger) when a job finishes."""
    raw = request.get_data()
    if not verify_body(SLURM_HOOK_SECRET, raw, request.headers.get("X-RC-Signature")):
        abort(403)
    event = json.loads(raw)
    callback = _callbacks.pop(event["job_id"], None)
    if callback:
        try:
            requests.post(callback, json={"job_id": event["job_id"], "state": event["state"]}, timeout=10)  #@vuln CWE-918
        except requests.RequestException as exc:
            log.warning("callback for %s failed: %s", event["job_id"], exc)
    return "", 204


if __name__ == "__main__":
    api.run(host="0.0.0.0", port=8081, debug=True)  #@vuln CWE-489|CWE-215
