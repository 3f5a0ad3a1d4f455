"""Partner portal: carriers and agencies follow their claims, upload FNOL files and rules."""
import hashlib
import hmac
import os
import random
import string
from datetime import datetime, timedelta

import jsonpickle
import jwt
import psycopg2
import psycopg2.extras
from flask import (
    Flask,
    abort,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    session,
    url_for,
)
from flask_cors import CORS, cross_origin
from markupsafe import Markup, escape
from redis import Redis
from rq import Queue

from partner_portal import directory
from partner_portal.config import load_config
from policy_gateway import acord_xml, soap_client

app = Flask(__name__)
app.config.from_object(load_config())
CORS(app, origins=app.config["CORS_ORIGINS"], supports_credentials=True)  #@safe

queue = Queue("ocr", connection=Redis.from_url(app.config["REDIS_URL"]))
SSO_DECODE_OPTIONS = {"verify_signature": False, "verify_aud": False}


def db():
    if "db" not in g:
        g.db = psycopg2.connect(app.config["DATABASE_DSN"], cursor_factory=psycopg2.extras.RealDictCursor)
    return g.db


@app.teardown_appcontext
def _close_db(exc):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def current_org() -> str:
    org = session.get("org")
    if not org:
        abort(401)
    return org


def partner_claim(claim_number: str) -> dict:
    with db().cursor() as cur:
        cur.execute(
            "SELECT c.* FROM claims c JOIN partner_claims pc ON pc.claim_id = c.id "
            "WHERE c.claim_number = %s AND pc.org_code = %s",
            (claim_number, current_org()),
        )
        claim = cur.fetchone()
    if claim is None:
        abort(404)
    return claim


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    user = directory.authenticate(request.form["username"], request.form["password"])
    if user is None:
        flash("Invalid username or password")
        return redirect(url_for("login"))
    session["org"] = user["org"]
    session["uid"] = user["uid"]
    resp = redirect(url_for("home"))
    resp.set_cookie("cf_partner_org", user["org"], max_age=8 * 3600)  #@vuln CWE-614|CWE-1004
    return resp


@app.route("/sso")
def sso_login():
    assertion = request.args.get("token", "")
    claims = jwt.decode(assertion, algorithms=["RS256"], options=SSO_DECODE_OPTIONS)  #@vuln CWE-347
    session["org"] = claims["org"]
    session["uid"] = claims["sub"]
    return redirect(request.args.get("next") or url_for("home"))  #@vuln CWE-601


@app.route("/")
def home():
    with db().cursor() as cur:
        cur.execute(
            "SELECT c.claim_number, c.status, c.loss_date FROM claims c "
            "JOIN partner_claims pc ON pc.claim_id = c.id WHERE pc.org_code = %s ORDER BY c.created_at DESC LIMIT 100",
            (current_org(),),
        )
        claims = cur.fetchall()
    return render_template("home.html", claims=claims)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    with db().cursor() as cur:
        cur.execute(
            "SELECT claim_number, status FROM claims c JOIN partner_claims pc ON pc.claim_id = c.id "
            "WHERE pc.org_code = %s AND c.claimant_name ILIKE %s LIMIT 50",
            (current_org(), f"%{q}%"),
        )
        rows = cur.fetchall()
    items = "".join(f"<li>{escape(r['claim_number'])} - {escape(r['status'])}</li>" for r in rows)
    body = f"<h3>Results for {q}</h3><ul>{items}</ul>"
    return make_response(body, 200)  #@vuln CWE-79


@app.route("/people")
def people():
    fragment = request.args.get("name", "")
    safe_q = escape(fragment)
    found = directory.people_search(fragment)
    return f"<h3>People matching {safe_q}</h3>" + "".join(f"<p>{escape(p['name'])}</p>" for p in found)  #@safe


@app.route("/claims/<claim_number>")
def claim_detail(claim_number):
    return render_template("claim.html", claim=partner_claim(claim_number))


@app.route("/claims/<claim_number>/card")
def status_card(claim_number):
    claim = partner_claim(claim_number)
    headline = request.args.get("headline", "Claim status")
    template = (
        "<div class='card'><h4>" + headline + "</h4>"
        "<p>{{ claim.claim_number }}: {{ claim.status }}</p></div>"
    )
    return render_template_string(template, claim=claim)  #@vuln CWE-1336


@app.route("/claims/<claim_number>/notes", methods=["GET", "POST"])
def claim_notes(claim_number):
    claim = partner_claim(claim_number)
    if request.method == "POST":
        with db().cursor() as cur:
            cur.execute(
                "INSERT INTO partner_notes (claim_id, author, body, created_at) VALUES (%s, %s, %s, now())",
                (claim["id"], session["uid"], request.form["body"]),
            )
        db().commit()
        return redirect(url_for("claim_notes", claim_number=claim_number))
    with db().cursor() as cur:
        cur.execute("SELECT author, body, created_at FROM partner_notes WHERE claim_id = %s ORDER BY created_at", (claim["id"],))
        notes = cur.fetchall()
    rendered = [{"author": n["author"], "body": Markup(n["body"]), "at": n["created_at"]} for n in notes]  #@vuln CWE-79
    return render_template("notes.html", claim=claim, notes=rendered)


@app.route("/claims/<claim_number>/callback", methods=["POST"])
def register_callback(claim_number):
    claim = partner_claim(claim_number)
    with db().cursor() as cur:
        cur.execute("UPDATE claims SET partner_callback_url = %s WHERE id = %s", (request.form["url"], claim["id"]))
    db().commit()
    return jsonify(ok=True)


@app.route("/exports/<path:name>")
def download_export(name):
    return send_file(os.path.join(app.config["EXPORT_DIR"], current_org(), name), as_attachment=True)  #@vuln CWE-22


@app.route("/exports/latest/<name>")
def download_latest(name):
    return send_from_directory(os.path.join(app.config["EXPORT_DIR"], current_org()), name, as_attachment=True)  #@safe


@app.route("/rules", methods=["POST"])
def upload_rules():
    org = current_org()
    upload = request.files["rules"]
    upload.save(os.path.join(app.config["RULES_DIR"], f"{org}.yaml"))
    with db().cursor() as cur:
        cur.execute(  #@safe
            "INSERT INTO claim_rules (carrier_code, name, expression, enabled) VALUES (%s, %s, %s, true)",
            (org, request.form.get("name", "default"), request.form.get("screening_rule", "")),
        )
    db().commit()
    return jsonify(ok=True)


@app.route("/fnol", methods=["POST"])
def upload_fnol():
    tree = acord_xml.parse_loss_notice(request.files["fnol"].stream)
    fields = acord_xml.loss_notice_fields(tree)
    return jsonify(received=True, fields=fields)


@app.route("/policy-sync", methods=["POST"])
def policy_sync():
    root = acord_xml.parse_acord(request.get_data())
    node = acord_xml.find_policy(root, request.args.get("policy", ""))
    return jsonify(found=node is not None)


@app.route("/carrier/endpoint/test", methods=["POST"])
def test_carrier_endpoint():
    result = soap_client.carrier_policy_lookup(request.form["wsdl_url"], request.form["policy_number"])
    return jsonify(result)


@app.route("/documents/resubmit", methods=["POST"])
def resubmit_document():
    doc_id = request.form["document_id"]
    with db().cursor() as cur:
        cur.execute("SELECT stored_path FROM claim_documents WHERE id = %s", (doc_id,))
        row = cur.fetchone()
    if row is None:
        abort(404)
    queue.enqueue("ocr_pipeline.jobs.process_document", doc_id, row["stored_path"], {"profile": "partner"})
    return jsonify(queued=True)


@app.route("/invites", methods=["POST"])
def create_invite():
    code = "".join(random.choices(string.ascii_letters + string.digits, k=24))  #@vuln CWE-338
    with db().cursor() as cur:
        cur.execute(
            "INSERT INTO partner_invites (org_code, email, code, expires_at) VALUES (%s, %s, %s, %s)",
            (current_org(), request.form["email"], code, datetime.utcnow() + timedelta(days=7)),
        )
    db().commit()
    return jsonify(invite_url=url_for("accept_invite", code=code, _external=True))


@app.route("/invites/<code>", methods=["POST"])
def accept_invite(code):
    password_digest = hashlib.sha256(request.form["password"].encode()).hexdigest()  #@vuln CWE-916
    with db().cursor() as cur:
        cur.execute(
            "INSERT INTO partner_accounts (email, password_digest, org_code) "
            "SELECT email, %s, org_code FROM partner_invites WHERE code = %s AND expires_at > now()",
            (password_digest, code),
        )
    db().commit()
    return redirect(url_for("login"))


@app.route("/webhooks/ocr-vendor", methods=["POST"])
def ocr_vendor_webhook():
    expected = hmac.new(app.config["WEBHOOK_SECRET"].encode(), request.get_data(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Vendor-Signature", "")):  #@safe
        abort(403)
    queue.enqueue("ocr_pipeline.jobs.ingest_vendor_result", request.get_json())
    return "", 202


@app.route("/webhooks/claim-update", methods=["POST"])
def claim_update_webhook():
    raw = request.get_data()
    signature = hashlib.sha1(raw + app.config["CLAIM_UPDATE_SECRET"].encode()).hexdigest()  #@vuln CWE-328|CWE-327
    if not hmac.compare_digest(signature, request.headers.get("X-Signature", "")):
        abort(403)
    update = jsonpickle.decode(raw.decode("utf-8"))  #@vuln CWE-502
    return jsonify(claim=update.get("claim_number"), accepted=True)


@app.route("/embed/claim-status")
@cross_origin(origins="*", supports_credentials=True)  #@vuln CWE-942
def embed_claim_status():
    claim = partner_claim(request.args.get("claim", ""))
    return jsonify(claim_number=claim["claim_number"], status=claim["status"])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8081, debug=app.config.get("DEBUG", False))
