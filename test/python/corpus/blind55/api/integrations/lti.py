"""LTI 1.3 launches and LTI 1.1 Basic Outcomes for partner LMS platforms."""
from xml.sax.saxutils import escape as xml_escape

import jwt
from flask import Blueprint, Response, current_app, jsonify, redirect, request, session
from flask_login import login_user
from lxml import etree

from api.db import Submission, User, db

bp = Blueprint("lti", __name__)

LTI_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
IMSX_NS = {"ims": "http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"}

_jwks_clients = {}


def _jwks_client(url):
    if url not in _jwks_clients:
        _jwks_clients[url] = jwt.PyJWKClient(url, cache_keys=True)
    return _jwks_clients[url]


def _user_for_claims(claims):
    email = claims.get("email")
    user = User.query.filter_by(email=email).first()
    if user is None:
        user = User(
            email=email,
            username=claims["sub"][:80],
            display_name=claims.get("name") or email,
        )
        db.session.add(user)
        db.session.commit()
    return user


@bp.post("/launch")
def launch():
    id_token = request.form["id_token"]
    claims = jwt.decode(id_token, options={"verify_signature": False})  #@vuln CWE-347
    if claims.get("nonce") != session.pop("lti_nonce", None):
        return jsonify(error="bad nonce"), 400
    user = _user_for_claims(claims)
    login_user(user)
    session["lti_context"] = claims.get(LTI_CLAIM + "context", {})
    target = claims.get(LTI_CLAIM + "target_link_uri", "/")
    return redirect(target)  #@vuln CWE-601


@bp.post("/deep-link/return")
def deep_link_return():
    token = request.form["JWT"]
    signing_key = _jwks_client(current_app.config["LTI_PLATFORM_JWKS_URL"]).get_signing_key_from_jwt(token)
    claims = jwt.decode(  #@safe
        token,
        signing_key.key,
        algorithms=["RS256"],
        audience=current_app.config["LTI_CLIENT_ID"],
    )
    items = claims.get("https://purl.imsglobal.org/spec/lti-dl/claim/content_items", [])
    return jsonify(received=len(items))


def _imsx_response(message_id, code, description):
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<imsx_POXEnvelopeResponse xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">'
        "<imsx_POXHeader><imsx_POXResponseHeaderInfo><imsx_version>V1.0</imsx_version>"
        f"<imsx_messageIdentifier>{xml_escape(message_id)}</imsx_messageIdentifier>"
        f"<imsx_statusInfo><imsx_codeMajor>{code}</imsx_codeMajor>"
        f"<imsx_description>{xml_escape(description)}</imsx_description></imsx_statusInfo>"
        "</imsx_POXResponseHeaderInfo></imsx_POXHeader><imsx_POXBody/></imsx_POXEnvelopeResponse>"
    )
    return Response(body, mimetype="application/xml")


@bp.post("/outcomes")
def outcomes_service():
    """Grade read-back requests sent by LTI 1.1 consumers."""
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    doc = etree.fromstring(request.get_data(), parser)  #@vuln CWE-611
    sourced_id = doc.findtext(".//ims:sourcedId", namespaces=IMSX_NS)
    message_id = doc.findtext(".//ims:imsx_messageIdentifier", namespaces=IMSX_NS) or ""
    if not sourced_id or ":" not in sourced_id:
        return _imsx_response(message_id, "failure", "unknown sourcedId")
    _, submission_id = sourced_id.split(":", 1)
    submission = db.session.get(Submission, int(submission_id))
    if submission is None:
        return _imsx_response(message_id, "failure", "no such submission")
    return _imsx_response(message_id, "success", f"score {submission.score or 0:.2f}")
