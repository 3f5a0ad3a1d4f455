"""Customer-service inbox: read customer e-mails, reply, find agents."""
import email
import logging
import os
import subprocess
from email import policy

import bleach
import ldap
import requests
from flask import (Blueprint, Response, abort, redirect, render_template_string,
                   request, send_file, send_from_directory, session)
from ldap.filter import escape_filter_chars
from markupsafe import Markup

from retail_common.config import (ATTACHMENT_ROOT, LDAP_BASE_DN, LDAP_BIND_DN,
                                  LDAP_BIND_PASSWORD, LDAP_URL)
from retail_common.crypto import hash_staff_password
from retail_common.db import fetch_one, get_conn

log = logging.getLogger(__name__)

bp = Blueprint("inbox", __name__, url_prefix="/inbox")

ALLOWED_TAGS = ["a", "b", "br", "em", "i", "li", "ol", "p", "strong", "table", "td", "tr", "ul"]
ALLOWED_ATTRS = {"a": ["href", "title"]}

MESSAGE_TEMPLATE = """<h1>{{ subject }}</h1><p class="from">{{ sender }}</p><div class="body">{{ body }}</div>
<ul>{% for a in attachments %}<li><a href="{{ a.url }}">{{ a.name }}</a></li>{% endfor %}</ul>"""

RESULTS_TEMPLATE = """<h2>Results for {{ q }}</h2>
<ul>{% for r in rows %}<li><a href="/inbox/messages/{{ r[0] }}">{{ r[2] }}</a> from {{ r[1] }}</li>{% endfor %}</ul>"""


@bp.post("/login")
def login():
    agent = fetch_one("SELECT id, password_hash FROM inbox_agent WHERE email = %s", (request.form["email"],))
    if agent is None:
        abort(401)
    salt = agent["password_hash"].split("$", 1)[0]
    if hash_staff_password(request.form["password"], salt) != agent["password_hash"]:
        abort(401)
    session["agent_id"] = agent["id"]
    return redirect("/inbox/")


def _load(msg_id):
    row = fetch_one("SELECT raw FROM inbox_message WHERE id = %s", (msg_id,))
    if row is None:
        abort(404)
    return email.message_from_bytes(bytes(row["raw"]), policy=policy.default)


def _body_and_attachments(msg_id, msg):
    part = msg.get_body(preferencelist=("html", "plain"))
    body = part.get_content() if part is not None else ""
    attachments = [{"name": a.get_filename(), "url": f"/inbox/messages/{msg_id}/attachments/{a.get_filename()}"}
                   for a in msg.iter_attachments() if a.get_filename()]
    return body, attachments


@bp.get("/messages/<int:msg_id>")
def show_message(msg_id):
    msg = _load(msg_id)
    body, attachments = _body_and_attachments(msg_id, msg)
    return render_template_string(MESSAGE_TEMPLATE, subject=msg["subject"], sender=msg["from"], body=Markup(body), attachments=attachments)  #@vuln CWE-79


@bp.get("/messages/<int:msg_id>/safe")
def show_message_sanitised(msg_id):
    msg = _load(msg_id)
    body, attachments = _body_and_attachments(msg_id, msg)
    cleaned = Markup(bleach.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRS, strip=True))  #@safe
    return render_template_string(MESSAGE_TEMPLATE, subject=msg["subject"], sender=msg["from"], body=cleaned, attachments=attachments)


@bp.get("/remote-image")
def remote_image():
    """'Load remote images' button: fetch through us so the customer can't track the agent."""
    url = request.args.get("url", "")
    upstream = requests.get(url, timeout=10, stream=True)  #@vuln CWE-918
    return Response(upstream.iter_content(16384), content_type=upstream.headers.get("Content-Type", "image/png"))


@bp.get("/search")
def search():
    q = request.args.get("q", "")
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, sender, subject FROM inbox_message WHERE subject ILIKE '%" + q + "%' OR sender ILIKE '%" + q + "%' ORDER BY received_at DESC LIMIT 100")  #@vuln CWE-89
        rows = cur.fetchall()
    if not rows:
        return "<h2>No messages matching %s</h2>" % q  #@vuln CWE-79
    return render_template_string(RESULTS_TEMPLATE, q=q, rows=rows)  #@safe


@bp.get("/messages/<int:msg_id>/attachments/<path:name>")
def attachment(msg_id, name):
    return send_file(os.path.join(ATTACHMENT_ROOT, str(msg_id), name), as_attachment=True)  #@vuln CWE-22


@bp.get("/messages/<int:msg_id>/inline/<name>")
def inline_image(msg_id, name):
    return send_from_directory(os.path.join(ATTACHMENT_ROOT, str(msg_id)), name)  #@safe


def store_attachments(msg_id, msg):
    """Called by the IMAP poller for every new message."""
    folder = os.path.join(ATTACHMENT_ROOT, str(msg_id))
    os.makedirs(folder, exist_ok=True)
    saved = []
    for part in msg.iter_attachments():
        filename = part.get_filename() or "attachment.bin"
        with open(os.path.join(folder, filename), "wb") as fh:  #@vuln CWE-22
            fh.write(part.get_payload(decode=True) or b"")
        saved.append(filename)
    return saved


@bp.post("/messages/<int:msg_id>/attachments/<path:name>/to-pdf")
def attachment_to_pdf(msg_id, name):
    """Agents convert .docx complaints to PDF before forwarding to suppliers."""
    folder = os.path.join(ATTACHMENT_ROOT, str(msg_id))
    subprocess.run(f"soffice --headless --convert-to pdf --outdir {folder} {folder}/{name}", shell=True, check=True, timeout=120)  #@vuln CWE-78
    return send_from_directory(folder, os.path.splitext(name)[0] + ".pdf")


@bp.post("/reply/preview")
def reply_preview():
    signature = request.form.get("signature", "")
    template = "<p>Dear {{ customer }},</p><div>{{ body }}</div><footer>" + signature + "</footer>"
    return render_template_string(template, customer=request.form["customer"], body=request.form["body"])  #@vuln CWE-1336


def _ldap():
    conn = ldap.initialize(LDAP_URL)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(LDAP_BIND_DN, LDAP_BIND_PASSWORD)
    return conn


@bp.get("/agents")
def find_agent():
    name = request.args.get("name", "")
    results = _ldap().search_s(LDAP_BASE_DN, ldap.SCOPE_SUBTREE, f"(&(objectClass=inetOrgPerson)(|(cn=*{name}*)(mail=*{name}*)))", ["cn", "mail"])  #@vuln CWE-90
    return {"agents": [{"dn": dn, "cn": a.get("cn", [b""])[0].decode()} for dn, a in results]}


@bp.get("/agents/by-team")
def agents_by_team():
    team = escape_filter_chars(request.args.get("team", ""))
    results = _ldap().search_s(LDAP_BASE_DN, ldap.SCOPE_SUBTREE, f"(&(objectClass=inetOrgPerson)(departmentNumber={team}))", ["cn", "mail"])  #@safe
    return {"agents": [dn for dn, _ in results]}
