"""Reservation endpoints used by the front desk and the booking engine."""
import os
from urllib.parse import urlparse

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    url_for,
)
from markupsafe import Markup, escape
from marshmallow import ValidationError

from .auth import login_required, new_checkin_token, new_confirmation_code, read_partner_claims
from .models import Guest, RatePlan, Reservation, db
from .schemas import reservation_create_schema, reservation_schema

bp = Blueprint("reservations", __name__, url_prefix="/api")


def _get_reservation(code):
    res = Reservation.query.filter_by(confirmation_code=code.upper()).first()
    if res is None:
        abort(404)
    return res


def _create_reservation(data):
    guest_data = data["guest"]
    guest = Guest.query.filter_by(email=guest_data["email"]).first()
    if guest is None:
        guest = Guest(**guest_data)
        db.session.add(guest)
    rate = RatePlan.query.filter_by(code=data["rate_code"]).first_or_404()
    res = Reservation(
        confirmation_code=new_confirmation_code(),
        guest=guest,
        rate_plan=rate,
        arrival=data["arrival"],
        departure=data["departure"],
        adults=data["adults"],
        children=data["children"],
        channel=data["channel"],
        special_requests=data["special_requests"],
        checkin_token=new_checkin_token(),
    )
    db.session.add(res)
    return res


@bp.post("/reservations")
@login_required()
def create_reservation():
    try:
        data = reservation_create_schema.load(request.get_json(force=True))
    except ValidationError as err:
        return jsonify(errors=err.messages), 422
    res = _create_reservation(data)
    db.session.commit()
    return jsonify(reservation_schema.dump(res)), 201


@bp.get("/reservations/<code>")
@login_required()
def get_reservation(code):
    return jsonify(reservation_schema.dump(_get_reservation(code)))


@bp.get("/reservations/<code>/confirmation")
def confirmation_page(code):
    res = _get_reservation(code)
    requests_html = Markup("<p class='requests'>%s</p>") % (res.special_requests or "")  #@safe
    promo = request.args.get("promo", "")
    banner = Markup(f"<div class='promo-banner'>{promo}</div>") if promo else ""  #@vuln CWE-79
    return render_template("confirmation.html", reservation=res, requests_html=requests_html, banner=banner)


@bp.get("/reservations/<code>/registration-card")
def registration_card(code):
    res = _get_reservation(code)
    html = (
        "<html><body><h2>Registration card</h2>"
        f"<p>Guest: {escape(res.guest.full_name)}</p>"
        f"<p>Stay: {res.arrival:%d %b %Y} - {res.departure:%d %b %Y}</p>"
        f"<p>Requests: {escape(res.special_requests or '-')}</p>"
        "</body></html>"
    )
    return make_response(html)  #@safe


@bp.get("/reservations/<code>/folio-print")
def folio_print(code):
    res = _get_reservation(code)
    note = request.args.get("note", "")
    html = "<html><body><h2>Folio %s</h2><p>%s</p><p class='note'>%s</p></body></html>" % (
        res.confirmation_code,
        escape(res.guest.full_name),
        note,
    )
    resp = make_response(html)  #@vuln CWE-79
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp


@bp.post("/reservations/<code>/message-preview")
@login_required()
def message_preview(code):
    res = _get_reservation(code)
    body = request.json.get("template", "")
    rendered = render_template_string(body, reservation=res, guest=res.guest)  #@vuln CWE-1336
    return jsonify(preview=rendered)


@bp.get("/guest-docs/<path:filename>")
@login_required()
def guest_document(filename):
    base = current_app.config["GUEST_DOCS_DIR"]
    return send_file(os.path.join(base, filename))  #@vuln CWE-22


@bp.get("/reservations/<code>/documents/<name>")
@login_required()
def reservation_document(code, name):
    res = _get_reservation(code)
    folder = os.path.join(current_app.config["GUEST_DOCS_DIR"], res.confirmation_code)
    return send_from_directory(folder, name)  #@safe


@bp.post("/reservations/<code>/pin")
def set_guest_pin(code):
    res = _get_reservation(code)
    if request.json.get("checkin_token") != res.checkin_token:
        abort(403)
    res.guest.set_portal_pin(request.json["pin"])
    db.session.commit()
    return "", 204


@bp.get("/payment/return")
def payment_return():
    code = request.args.get("reservation", "")
    res = _get_reservation(code)
    res.status = "guaranteed"
    db.session.commit()
    return redirect(request.args.get("return_to", url_for("reservations.confirmation_page", code=code)))  #@vuln CWE-601


@bp.get("/payment/cancel")
def payment_cancel():
    target = request.args.get("return_to", "")
    host = urlparse(target).hostname
    if urlparse(target).scheme != "https" or host not in current_app.config["ALLOWED_RETURN_HOSTS"]:
        target = "https://book.grandmeridian.example/"
    return redirect(target)  #@safe


@bp.post("/partner/bookings")
def partner_booking():
    token = request.headers.get("X-Partner-Token", "")
    claims = read_partner_claims(token)
    data = request.get_json(force=True)
    data["channel"] = claims.get("channel", "gds")
    try:
        booking = reservation_create_schema.load(data)
    except ValidationError as err:
        return jsonify(errors=err.messages), 422
    res = _create_reservation(booking)
    db.session.commit()
    return jsonify(confirmation=res.confirmation_code, hotel=claims.get("hotel_code")), 201
