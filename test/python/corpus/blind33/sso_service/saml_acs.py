"""SAML service-provider endpoints (python3-saml) for partner IdPs."""
import base64
import logging
from urllib.parse import urlparse

from flask import Blueprint, abort, jsonify, redirect, request, session
from lxml import etree
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

from common import settings

log = logging.getLogger(__name__)

saml_bp = Blueprint("saml", __name__)

SAML_SETTINGS = {
    "strict": False,  #@vuln CWE-347
    "debug": False,
    "sp": {
        "entityId": settings.SSO_BASE_URL + "/saml/metadata",
        "assertionConsumerService": {"url": settings.SSO_BASE_URL + "/saml/acs", "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"},
        "NameIDFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    },
    "idp": {
        "entityId": "https://idp.partner-logistics.de/saml",
        "singleSignOnService": {"url": "https://idp.partner-logistics.de/saml/sso", "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"},
        "x509cert": "MIIDdzCCAl+gAwIBAgIEbP4S0DANBgkqhkiG9w0BAQsFADBsMRAwDgYDVQQGEwdVbmtub3du",
    },
    "security": {
        "authnRequestsSigned": False,
        "wantAssertionsSigned": True,
        "wantMessagesSigned": False,
        "signatureAlgorithm": "http://www.w3.org/2000/09/xmldsig#rsa-sha1",  #@vuln CWE-327
        "digestAlgorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
    },
}


def _prepare_flask_request(req):
    return {
        "https": "on",
        "http_host": urlparse(settings.SSO_BASE_URL).hostname,
        "script_name": req.path,
        "get_data": req.args.copy(),
        "post_data": req.form.copy(),
    }


def _allowed_return(url):
    if not url:
        return False
    parsed = urlparse(url)
    return parsed.scheme == "https" and parsed.hostname in settings.SSO_ALLOWED_RETURN_HOSTS


def _peek_issuer(saml_response_b64):
    """Log which IdP sent the response before python3-saml validates it."""
    xml = base64.b64decode(saml_response_b64)
    doc = etree.fromstring(xml, etree.XMLParser(resolve_entities=True))  #@vuln CWE-611
    issuer = doc.find(".//{urn:oasis:names:tc:SAML:2.0:assertion}Issuer")
    return issuer.text if issuer is not None else "unknown"


@saml_bp.get("/login")
def saml_login():
    return_to = request.args.get("next")
    if not _allowed_return(return_to):
        return_to = "https://portal.acme.io/my"
    auth = OneLogin_Saml2_Auth(_prepare_flask_request(request), SAML_SETTINGS)
    return redirect(auth.login(return_to=return_to))


@saml_bp.post("/acs")
def acs():
    log.info("SAML response from %s", _peek_issuer(request.form.get("SAMLResponse", "")))
    auth = OneLogin_Saml2_Auth(_prepare_flask_request(request), SAML_SETTINGS)
    auth.process_response()
    errors = auth.get_errors()
    if errors or not auth.is_authenticated():
        log.warning("SAML errors: %s (%s)", errors, auth.get_last_error_reason())
        abort(401)
    session["saml_nameid"] = auth.get_nameid()
    session["saml_attrs"] = auth.get_attributes()
    session["saml_session_index"] = auth.get_session_index()
    relay_state = request.form.get("RelayState", "https://portal.acme.io/my")
    return redirect(relay_state)  #@vuln CWE-601


@saml_bp.post("/admin/import-metadata")
def import_idp_metadata():
    """Partner onboarding wizard: preview the IdP settings behind a metadata URL."""
    if "uid" not in session:
        abort(401)
    metadata_url = request.form["metadata_url"]
    idp_data = OneLogin_Saml2_IdPMetadataParser.parse_remote(metadata_url, timeout=10)  #@vuln CWE-918
    return jsonify(idp_data.get("idp", {}))
