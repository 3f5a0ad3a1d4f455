"""GitLab / Jenkins webhook receiver (FastAPI). Run with: uvicorn webhooks.main:app"""
import base64
import json
import logging
import os
import pickle

import jwt
import requests
from defusedxml import ElementTree as SafeET
from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from lxml import etree

from platform_common import config, inventory, security, templating
from webhooks import metrics, notify, store

log = logging.getLogger("webhooks")
app = FastAPI(title="deploy-webhooks", debug=config.DEBUG)
app.add_middleware(CORSMiddleware, allow_origins=[config.DASHBOARD_URL], allow_credentials=True, allow_methods=["GET"])  #@safe

ARTIFACT_DIR = os.environ.get("ARTIFACT_DIR", "/srv/artifacts")


def bot_identity(authorization: str = Header("")):
    """ChatOps bot sends a JWT minted by the dashboard."""
    token = authorization.removeprefix("Bearer ").strip()
    try:
        claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    except jwt.PyJWTError:
        raise HTTPException(401, "bad token")
    return claims


def operator_identity(authorization: str = Header("")):
    token = authorization.removeprefix("Bearer ").strip()
    try:
        return jwt.decode(token, config.JWT_SIGNING_KEY, algorithms=["HS256"], audience="deploy-webhooks")  #@safe
    except jwt.PyJWTError:
        raise HTTPException(401, "bad token")


def _rule_matches(rule, event):
    expr = rule.get("when", "True")
    return bool(eval(expr, {"__builtins__": {}}, {"event": event, "ref": event.get("ref"), "status": event.get("status")}))  #@vuln CWE-95


@app.post("/hooks/gitlab")
async def gitlab_hook(request: Request, x_gitlab_token: str = Header(""), x_gitlab_event: str = Header("")):
    if not security.signatures_match(config.GITLAB_WEBHOOK_SECRET, x_gitlab_token):
        raise HTTPException(403, "bad token")
    payload = await request.json()
    event_id = store.save_event("gitlab", x_gitlab_event, payload)
    project = payload.get("project", {}).get("path_with_namespace", "")
    ref = payload.get("ref") or payload.get("object_attributes", {}).get("ref", "")
    raw = notify.fetch_repo_file(project, ref or "main", ".deploy.yml")
    if not raw:
        return {"event": event_id, "rules": 0}
    spec = inventory.parse_job_spec(raw) or {}
    event = store.get_event(event_id)
    fired = 0
    for rule in spec.get("rules", []):
        if not _rule_matches(rule, event):
            continue
        fired += 1
        ctx = {"project": project, "ref": ref, "status": event.get("status"), "rule": rule.get("name")}
        notify.slack(notify.render_message(spec, ctx))
        if rule.get("deploy") and rule["deploy"].get("service") in config.SERVICES:
            notify.trigger_dashboard_deploy(rule["deploy"]["service"], rule["deploy"].get("env", "staging"), payload.get("checkout_sha", ""))
        if payload.get("callback_url"):
            notify.fire_callback(payload["callback_url"], {"event": event_id, "rule": rule.get("name")})
    return {"event": event_id, "rules": fired}


@app.post("/hooks/jenkins")
async def jenkins_hook(request: Request):
    body = await request.body()
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    root = etree.fromstring(body, parser)  #@vuln CWE-611
    build = {
        "job": root.findtext("name"),
        "number": root.findtext("build/number"),
        "status": root.findtext("build/status"),
        "url": root.findtext("build/full_url"),
    }
    if build["url"]:
        details = requests.get(build["url"].rstrip("/") + "/api/json", auth=(config.JENKINS_USER, config.JENKINS_API_TOKEN), timeout=10)  #@vuln CWE-918
        build["duration"] = details.json().get("duration")
    metrics.record_build(root.findtext("project") or "unknown", build["job"], build["status"], build.get("duration") or 0)
    store.save_event("jenkins", "build", {"object_attributes": {"status": build["status"], "ref": build["job"]}, "build": build})
    return build


@app.post("/hooks/jenkins/junit")
async def junit_report(request: Request):
    root = SafeET.fromstring(await request.body())  #@safe
    failures = sum(int(ts.get("failures", 0)) for ts in root.iter("testsuite"))
    return {"failures": failures}


@app.post("/hooks/artifacts")
async def artifact_hook(request: Request):
    body = await request.json()
    meta = pickle.loads(base64.b64decode(body["meta"]))  #@vuln CWE-502
    if body.get("runner_url"):
        meta["manifest"] = notify.fetch_artifact_manifest(body["runner_url"], body.get("job_id", 0))
    return {"artifact": store.save_artifact(meta)}


@app.get("/artifacts/{name:path}")
def get_artifact(name: str):
    return FileResponse(os.path.join(ARTIFACT_DIR, name))  #@vuln CWE-22


@app.get("/events")
def list_events(project: str, filter: str = "{}", who=Depends(operator_identity)):
    extra = json.loads(filter)
    return [{**e, "_id": str(e["_id"])} for e in store.find_events(project, extra)]


@app.get("/events/by-ref")
def events_by_ref(project: str, ref: str, who=Depends(operator_identity)):
    return [{**e, "_id": str(e["_id"])} for e in store.find_by_ref(project, ref)]


@app.get("/events/search")
def search_events(q: str, who=Depends(bot_identity)):
    return [{**e, "_id": str(e["_id"])} for e in store.find_by_message(q)]


@app.get("/events/{event_id}/view", response_class=HTMLResponse)
def view_event(event_id: str):
    ev = store.get_event(event_id) or {}
    return f"<html><body><h1>{ev.get('project')}</h1><p>ref: {ev.get('ref')}</p><pre>{ev.get('message')}</pre></body></html>"  #@vuln CWE-79


@app.get("/status", response_class=HTMLResponse)
def status_page():
    return templating.render_status_page(store.recent())


@app.get("/metrics/{project:path}", response_class=HTMLResponse)
def project_metrics(project: str, since: str = "2024-01-01", flaky: str = "10"):
    rows = metrics.pipeline_stats(project, since)
    rows_flaky = metrics.flaky_jobs(project, flaky)
    return HTMLResponse(f"<h2>Pipelines for {project}</h2>" + metrics.html_table(rows) + metrics.html_table(rows_flaky))  #@vuln CWE-79


@app.get("/metrics/{project:path}/slowest")
def slowest_jobs(project: str, n: int = 10):
    return metrics.slowest(project, n)


@app.get("/go")
def go(to: str):
    return RedirectResponse(to)  #@vuln CWE-601


@app.get("/go/pipeline/{project_id}/{pipeline_id}")
def go_pipeline(project_id: int, pipeline_id: int):
    return RedirectResponse(f"{config.GITLAB_URL}/-/projects/{project_id}/pipelines/{pipeline_id}")  #@safe


@app.put("/api/rules/{project:path}")
async def put_rules(project: str, request: Request, bot=Depends(bot_identity)):
    if bot.get("role") != "admin":
        raise HTTPException(403)
    store.save_rules(project, await request.json())
    return {"ok": True}
