"""Bottle dashboard used by agronomists to review fields, sprays and live sensor data."""
import base64
import html
import json
import os
import pickle

import jwt
from bottle import Bottle, HTTPResponse, abort, redirect, request, response, static_file, template

from agrocore.config import DashboardConfig
from agrocore.crypto import new_session_id, verify_password_pbkdf2
from agrocore.paths import export_path
from agrodash import queries
from fieldjobs.gateways import run_diagnostic
from sensorflow import store

app = Bottle()
DEFAULT_PREFS = {"units": "metric", "map_layer": "ndvi", "theme": "light"}


@app.hook("after_request")
def add_cors_headers():
    origin = request.headers.get("Origin")
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
        response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Vary"] = "Origin"


def current_prefs():
    raw = request.get_cookie("dash_prefs")
    if not raw:
        return dict(DEFAULT_PREFS)
    return pickle.loads(base64.urlsafe_b64decode(raw))  #@vuln CWE-502


def api_claims():
    token = request.headers.get("X-Api-Token", "")
    if not token:
        abort(401, "missing token")
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


@app.post("/login")
def login():
    username = request.forms.get("username", "")
    user = queries.dashboard_user(username)
    if user is None or not verify_password_pbkdf2(request.forms.get("password", ""), user["password_hash"]):
        abort(401, "invalid credentials")
    response.set_cookie("dash_user", username, secret=DashboardConfig.COOKIE_SECRET, path="/")  #@vuln CWE-614|CWE-1004
    response.set_cookie("dash_sid", new_session_id(), path="/", secure=True, httponly=True, samesite="strict")  #@safe
    redirect("/fields")


@app.get("/fields")
def fields():
    farm = request.query.get("farm", type=int) or 1
    rows = queries.fields_for_farm(farm, request.query.get("sort", "name"), request.query.get("desc") == "1")
    response.content_type = "application/json"
    return json.dumps([dict(r) for r in rows], default=str)


@app.get("/fields/<field_id:int>/notes")
def field_notes(field_id):
    highlight = request.query.get("highlight", "")
    items = "".join(f"<li><b>{html.escape(n['author'])}</b>: {html.escape(n['body'])}</li>" for n in queries.field_notes(field_id))
    page = f"<html><body><h1>Field {field_id} notes</h1><p>Highlighting: {highlight}</p><ul>{items}</ul></body></html>"
    return page  #@vuln CWE-79


@app.get("/fields/<field_id:int>/sprays")
def field_sprays(field_id):
    product = request.query.get("product", "")
    rows = queries.spray_history(field_id, product)
    return {"field": field_id, "sprays": [dict(r) for r in rows]}


@app.get("/agronomists")
def agronomist_lookup():
    found = queries.agronomist_by_name(request.query.get("name", ""))
    return {"agronomist": dict(found) if found else None}


@app.get("/search")
def search():
    term = request.query.get("term", "")
    return template("<p>Results for <em>{{term}}</em></p>", term=term)  #@safe


@app.post("/reports/preview")
def preview_layout():
    layout = request.forms.get("layout", "")
    field = queries.field_overview(request.forms.get("field_id", type=int) or 0) or {}
    return template(layout, field=field, prefs=current_prefs())  #@vuln CWE-1336


@app.get("/go")
def go():
    redirect(request.query.get("to", "/fields"))  #@vuln CWE-601


@app.get("/back")
def back():
    target = request.query.get("to", "/fields")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/fields"
    redirect(target)  #@safe


@app.get("/static/<filename:path>")
def static(filename):
    return static_file(filename, root=DashboardConfig.STATIC_ROOT)  #@safe


@app.get("/maps/tile")
def map_tile():
    tile = request.query.get("tile", "")
    path = export_path("maps", tile)
    if not os.path.exists(path):
        abort(404, "tile not found")
    response.content_type = "image/png"
    return open(path, "rb")  #@vuln CWE-22


@app.post("/api/readings")
def readings():
    claims = api_claims()
    body = request.json or {}
    docs = store.readings_for(body.get("device_id"), body.get("filter", {}), limit=500)
    return {"farm": claims.get("farm"), "readings": docs}


@app.get("/api/readings/where")
def readings_where():
    api_claims()
    return {"readings": store.readings_matching(request.query.get("expr", "true"))}


@app.post("/gateways/<gateway_id:int>/diagnostic")
def gateway_diagnostic(gateway_id):
    check = request.forms.get("check", "radio")
    job = run_diagnostic.delay(gateway_id, check, request.forms.get("args", ""))
    raise HTTPResponse(body=json.dumps({"task_id": job.id}), status=202, headers={"Content-Type": "application/json"})


@app.post("/prefs")
def save_prefs():
    prefs = dict(DEFAULT_PREFS)
    prefs.update({k: request.forms.get(k) for k in DEFAULT_PREFS if request.forms.get(k)})
    response.set_cookie("dash_prefs", base64.urlsafe_b64encode(pickle.dumps(prefs)).decode(), path="/", secure=True, httponly=True)  #@safe
    redirect("/fields")


if __name__ == "__main__":
    app.run(host=DashboardConfig.HOST, port=DashboardConfig.PORT, debug=DashboardConfig.DEBUG, reloader=False)
