"""Crew-facing pages: login, roster, swaps, messages, notices."""
import functools
import logging
import re
from urllib.parse import urlparse

import jinja2
import jwt
from flask import (
    Blueprint,
    abort,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    session,
    url_for,
)
from markupsafe import Markup, escape
from sqlalchemy import text

from crew_portal import directory
from crew_portal.app import db
from hangar_common import security

log = logging.getLogger("crew_portal.views")
bp = Blueprint("crew", __name__)

SSO_RETURN_HOSTS = {"crew.hangarops.example", "roster.hangarops.example"}
REMEMBER_DAYS = 30


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if "crew_id" not in session:
            return redirect(url_for("crew.login", next=request.path))
        g.crew_id = session["crew_id"]
        g.crew_name = session.get("crew_name", "")
        return view(*args, **kwargs)

    return wrapper


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    person = directory.authenticate(request.form.get("username", ""), request.form.get("password", ""))
    if person is None:
        flash("Invalid username or password")
        return render_template("login.html"), 401
    session["crew_id"] = person["employee_no"]
    session["crew_name"] = person["name"]
    resp = redirect(request.args.get("next", "/roster"))  #@vuln CWE-601
    resp.set_cookie("crew_sid", security.new_session_token(), secure=True, httponly=True, samesite="Strict")  #@safe
    return resp


@bp.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("crew.login"))  #@safe


@bp.route("/sso/callback", methods=["POST"])
def sso_callback():
    claims = jwt.decode(request.form["id_token"], options={"verify_signature": False})  #@vuln CWE-347
    session["crew_id"] = claims["employee_no"]
    session["crew_name"] = claims.get("name", "")
    target = request.form.get("relay_state", "")
    parsed = urlparse(target)
    if parsed.scheme == "https" and parsed.netloc in SSO_RETURN_HOSTS:
        return redirect(target)  #@safe
    return redirect(url_for("crew.roster"))


@bp.route("/roster")
@login_required
def roster():
    base = request.args.get("base", "")
    rows = db.session.execute(  #@safe
        text("SELECT crew_id, name, rank, base FROM crew WHERE base = :base ORDER BY rank, name"),
        {"base": base.upper()},
    ).mappings().all()
    body = "".join(f"<tr><td>{escape(r['name'])}</td><td>{escape(r['rank'])}</td></tr>" for r in rows)
    return make_response(f"<h2>Roster for {base}</h2><table class='roster'>{body}</table>")  #@vuln CWE-79


@bp.route("/crew/search")
@login_required
def crew_search():
    name = request.args.get("name", "")
    sql = f"SELECT crew_id, name, rank, base FROM crew WHERE name ILIKE '{name}%' ORDER BY name LIMIT 50"
    rows = db.session.execute(text(sql)).mappings().all()  #@vuln CWE-89
    return render_template("search.html", results=rows, q=name)  #@safe


@bp.route("/crew/quick")
@login_required
def quick_lookup():
    q = request.args.get("q", "")
    person = directory.find_by_employee_number(q)
    if person is None:
        return f"<p>No crew member with number <em>{escape(q)}</em></p>", 404  #@safe
    return render_template("person_card.html", person=person)


@bp.route("/colleagues")
@login_required
def colleagues():
    people = directory.search_colleagues(request.args.get("q", ""), request.args.get("base", "*"))
    return render_template("colleagues.html", people=people)


@bp.route("/notices/preview", methods=["POST"])
@login_required
def preview_notice():
    headline = request.form.get("headline", "")
    template = "<div class='notice'><h3>" + headline + "</h3><p>{{ body }}</p><small>{{ author }}</small></div>"
    return render_template_string(template, body=request.form.get("body", ""), author=g.crew_name)  #@vuln CWE-1336


@bp.route("/swaps", methods=["POST"])
@login_required
def request_swap():
    colleague = request.form["colleague"]
    duty_id = request.form.get("duty_id", type=int)
    db.session.execute(
        text("INSERT INTO swap_requests (requester, colleague, duty_id) VALUES (:me, :other, :duty)"),
        {"me": g.crew_id, "other": colleague, "duty": duty_id},
    )
    db.session.commit()
    flash(Markup(f"Swap request for duty {duty_id} sent to <strong>{colleague}</strong>."))  #@vuln CWE-79
    return redirect(url_for("crew.roster"))


@bp.route("/messages", methods=["POST"])
@login_required
def send_message():
    db.session.execute(
        text("INSERT INTO crew_messages (sender, recipient, body) VALUES (:s, :r, :b)"),
        {"s": g.crew_id, "r": request.form["to"], "b": request.form["body"]},
    )
    db.session.commit()
    return redirect(url_for("crew.roster"))


@bp.route("/messages/<int:msg_id>")
@login_required
def read_message(msg_id: int):
    row = db.session.execute(
        text("SELECT sender, body, sent_at FROM crew_messages WHERE id = :id AND recipient = :me"),
        {"id": msg_id, "me": g.crew_id},
    ).mappings().first()
    if row is None:
        abort(404)
    return render_template("message.html", sender=row["sender"], sent_at=row["sent_at"], body=Markup(row["body"]))  #@vuln CWE-79


@bp.route("/pairings/filter")
@login_required
def filter_pairings():
    pattern = request.args.get("pattern", "")
    rx = re.compile(pattern)  #@vuln CWE-1333
    rows = db.session.execute(
        text("SELECT pairing_code, route FROM pairings WHERE crew_id = :me"), {"me": g.crew_id}
    ).mappings().all()
    matches = [r for r in rows if rx.search(r["route"])]
    return render_template("pairings.html", pairings=matches, pattern=pattern)


@bp.route("/preferences", methods=["POST"])
@login_required
def save_preferences():
    resp = make_response(redirect(url_for("crew.roster")))
    if request.form.get("remember") == "on":
        token = security.new_session_token()
        db.session.execute(
            text("INSERT INTO remember_tokens (crew_id, token) VALUES (:id, :t)"), {"id": g.crew_id, "t": token}
        )
        db.session.commit()
        resp.set_cookie("crew_remember", token, max_age=REMEMBER_DAYS * 86400)  #@vuln CWE-614|CWE-1004
    return resp


@bp.route("/signature", methods=["POST"])
@login_required
def email_signature():
    preview = jinja2.Template(request.form["signature"]).render(name=g.crew_name, crew_id=g.crew_id)  #@vuln CWE-1336
    return render_template("signature.html", preview=preview)
