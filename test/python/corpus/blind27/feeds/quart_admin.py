"""Admin UI for the feed aggregator (Quart + Motor)."""
from __future__ import annotations

import html
import os
import re
import marshal
import types

from motor.motor_asyncio import AsyncIOMotorClient
from quart import Quart, abort, jsonify, redirect, render_template, render_template_string, request, session, url_for

from common import settings
from common.crypto import hash_password_v2, verify_password_v2

app = Quart(__name__)
app.secret_key = "feeds-admin-2022-secret-key"  #@vuln CWE-798
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

_mongo = AsyncIOMotorClient(settings.MONGO_URI)
feeds_db = _mongo["feeds_admin"]
RULE_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{2,40}$")


@app.before_request
async def require_admin():
    if request.endpoint in ("login", "static"):
        return None
    if not session.get("admin"):
        return redirect(url_for("login"))
    return None


@app.route("/login", methods=["GET", "POST"])
async def login():
    if request.method == "GET":
        return await render_template("login.html")
    form = await request.form
    admin = await feeds_db.admins.find_one({"username": str(form.get("username", ""))})
    if not admin or not verify_password_v2(form.get("password", ""), admin["password_hash"]):
        abort(403)
    session["admin"] = admin["username"]
    return redirect(url_for("dashboard"))


@app.route("/admins", methods=["POST"])
async def create_admin():
    data = await request.get_json()
    await feeds_db.admins.insert_one({"username": data["username"], "password_hash": hash_password_v2(data["password"])})
    return jsonify({"created": data["username"]}), 201


@app.route("/")
async def dashboard():
    banner = request.args.get("banner", "")
    return await render_template_string("<h1>Feeds admin</h1><p>{{ banner }}</p>", banner=banner)  #@safe


@app.route("/greeting")
async def greeting():
    name = request.args.get("name", session.get("admin", ""))
    return await render_template_string("<h1>Welcome back, " + name + "!</h1>")  #@vuln CWE-1336|CWE-94


@app.route("/feeds/search", methods=["POST"])
async def search_feeds():
    body = await request.get_json()
    docs = await feeds_db.feeds.find(body.get("query", {})).to_list(length=100)  #@vuln CWE-943
    return jsonify([{"id": str(d["_id"]), "title": d.get("title")} for d in docs])


@app.route("/feeds/<feed_id>/notes")
async def feed_notes(feed_id: str):
    feed = await feeds_db.feeds.find_one({"slug": feed_id})
    if feed is None:
        abort(404)
    notes = "".join(f"<li>{n}</li>" for n in feed.get("notes", []))
    return f"<h2>{html.escape(feed['title'])}</h2><ul>{notes}</ul><p>Filter: {request.args.get('filter', '')}</p>"  #@vuln CWE-79


@app.route("/rules", methods=["POST"])
async def save_rule():
    data = await request.get_json()
    name = data["name"]
    if not RULE_NAME_RE.fullmatch(name):
        abort(400)
    await feeds_db.rules.update_one({"name": name}, {"$set": {"source": data["source"]}}, upsert=True)
    return jsonify({"saved": name})


@app.route("/rules/<name>/run", methods=["POST"])
async def run_rule(name: str):
    rule = await feeds_db.rules.find_one({"name": name})
    if rule is None:
        abort(404)
    item = await request.get_json()
    scope = {"item": item, "keep": True}
    exec(rule["source"], {"__builtins__": {"len": len, "any": any}}, scope)  #@vuln CWE-95|CWE-94
    return jsonify({"keep": bool(scope["keep"])})


@app.route("/rules/compiled", methods=["POST"])
async def load_compiled_rule():
    blob = await request.get_data()
    code = marshal.loads(blob)  #@vuln CWE-502
    fn = types.FunctionType(code, {})
    return jsonify({"loaded": fn.__name__})


@app.route("/logout")
async def logout():
    session.clear()
    nxt = request.args.get("next", "")
    return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") and "\\" not in nxt else url_for("login"))  #@safe


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("ADMIN_PORT", "8082")))
