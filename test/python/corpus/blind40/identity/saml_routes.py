"""SAML SP endpoints (python3-saml). One settings.json per tenant under SAML_ROOT."""
import json
import logging
import os
from base64 import b64decode
from urllib.parse import urlparse

import defusedxml.ElementTree as SafeET
import requests
from flask import Blueprint, abort, current_app, jsonify, make_response, redirect, request, session
from flask_login import current_user, login_required, login_user
from lxml import etree
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from identity.user_repo import UserRepository
from shared.authkit.paths import safe_join, valid_tenant

log = logging.getLogger(__name__)
bp = Blueprint("saml", __name__, url_prefix="/saml")
repo = UserRepository()

NS = {"saml": "urn:oasis:names:tc:SAML:2.0:assertion", "samlp": "urn:oasis:names:tc:SAML:2.0:protocol"}


def _flask_request_dict():
    url = urlparse(request.url)
    return {
        "https": "on" if request.scheme == "https" else "off",
        "http_host": request.host,
        "server_port": url.port,
        "script_name": request.path,
        "get_data": request.args.copy(),
        "post_data": request.form.copy(),
    }


def _load_settings(tenant: str) -> dict:
    with open(os.path.join(current_app.config["SAML_ROOT"], tenant, "settings.json")) as fh:  #@vuln CWE-22
        return json.load(fh)


def _auth(tenant: str) -> OneLogin_Saml2_Auth:
    return OneLogin_Saml2_Auth(_flask_request_dict(), old_settings=_load_settings(tenant))


@bp.get("/login")
def sso():
    tenant = request.args.get("tenant", "default")
    session["saml_tenant"] = tenant
    return redirect(_auth(tenant).login(return_to=request.args.get("next", "/")))


@bp.post("/acs")
def acs():
    tenant = session.get("saml_tenant") or request.args.get("tenant", "default")
    auth = _auth(tenant)
    auth.process_response(request_id=session.pop("AuthNRequestID", None))
    errors = auth.get_errors()
    if errors or not auth.is_authenticated():
        log.warning("SAML ACS failed for %s: %s (%s)", tenant, errors, auth.get_last_error_reason())
        return make_response("SAML login failed", 401)

    attrs = auth.get_attributes()
    email = (attrs.get("email") or [auth.get_nameid()])[0]
    user = repo.get_by_email(email)
    if user is None:
        user = repo.create(username=email.split("@")[0], email=email, display_name=(attrs.get("displayName") or [email])[0], password_hash="!", tenant=tenant)
    login_user(user)
    repo.record_login(user.id, request.remote_addr, "saml:" + tenant)

    relay = request.form.get("RelayState", "")
    self_url = OneLogin_Saml2_Utils.get_self_url(_flask_request_dict())
    if relay and relay.startswith("/") and not relay.startswith("//") and relay != self_url:
        return redirect(relay)  #@safe
    return redirect("/")


@bp.post("/debug/decode")
@login_required
def debug_decode():
    """Support tool: paste a SAMLResponse and see issuer / subject / conditions."""
    if not current_user.is_admin:
        abort(403)
    raw = b64decode(request.form["SAMLResponse"])
    doc = etree.fromstring(raw, etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False))  #@vuln CWE-611
    issuer = doc.findtext(".//saml:Issuer", namespaces=NS)
    subject = doc.findtext(".//saml:Subject/saml:NameID", namespaces=NS)
    conditions = doc.find(".//saml:Conditions", namespaces=NS)
    return jsonify(issuer=issuer, subject=subject, conditions=dict(conditions.attrib) if conditions is not None else None)


@bp.post("/idp/import")
@login_required
def import_idp_metadata():
    """Tenant admins register their IdP by URL or by uploading the XML."""
    tenant = request.form.get("tenant", "")
    if not valid_tenant(tenant) or current_user.tenant != tenant:
        abort(403)
    if "metadata_url" in request.form:
        xml = requests.get(request.form["metadata_url"], timeout=10).text  #@vuln CWE-918
    else:
        xml = request.files["metadata"].read().decode("utf-8")
    root = SafeET.fromstring(xml)  #@safe
    if not root.tag.endswith("EntityDescriptor"):
        abort(400, "not SAML metadata")
    idp = OneLogin_Saml2_IdPMetadataParser.parse(xml)
    path = safe_join(current_app.config["SAML_ROOT"], tenant, "settings.json")
    with open(path) as fh:
        settings = json.load(fh)
    settings = OneLogin_Saml2_IdPMetadataParser.merge_settings(settings, idp)
    with open(path, "w") as fh:
        json.dump(settings, fh, indent=2)
    return jsonify(status="ok", entity_id=idp.get("idp", {}).get("entityId"))
