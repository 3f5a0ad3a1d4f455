"""SAML 2.0 single sign-on for university identity providers."""
import base64
import io
import os
import xml.sax
import xml.sax.handler
from urllib.parse import urlparse

from defusedxml import ElementTree as SafeET
from flask import Blueprint, abort, current_app, jsonify, redirect, request
from flask_login import login_required, login_user
from signxml import XMLVerifier

from api.db import User, db

bp = Blueprint("saml", __name__)

NS = {
    "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
    "md": "urn:oasis:names:tc:SAML:2.0:metadata",
}
IDP_CERT_PATH = os.environ.get("SAML_IDP_CERT", "/etc/learnhub/saml/idp.pem")


class _MetadataHandler(xml.sax.handler.ContentHandler):
    def __init__(self):
        super().__init__()
        self.entity_id = None
        self.sso_urls = []

    def startElementNS(self, name, qname, attrs):
        _, local = name
        if local == "EntityDescriptor":
            self.entity_id = attrs.getValueByQName("entityID")
        elif local == "SingleSignOnService":
            self.sso_urls.append(attrs.getValueByQName("Location"))


def _is_local_redirect(target):
    parsed = urlparse(target)
    if parsed.scheme and parsed.scheme != "https":
        return False
    return not parsed.netloc or parsed.netloc in current_app.config["ALLOWED_REDIRECT_HOSTS"]


@bp.post("/acs")
def assertion_consumer():
    raw = base64.b64decode(request.form["SAMLResponse"])
    with open(IDP_CERT_PATH) as fh:
        verified = XMLVerifier().verify(raw, x509_cert=fh.read()).signed_data
    assertion = SafeET.fromstring(verified)  #@safe
    name_id = assertion.findtext(".//saml:Subject/saml:NameID", namespaces=NS)
    if not name_id:
        abort(400)
    user = User.query.filter_by(email=name_id).first()
    if user is None:
        user = User(email=name_id, username=name_id.split("@")[0], display_name=name_id)
        db.session.add(user)
        db.session.commit()
    login_user(user)
    relay_state = request.form.get("RelayState", "/")
    if not _is_local_redirect(relay_state):
        relay_state = "/"
    return redirect(relay_state)  #@safe


@bp.post("/metadata/import")
@login_required
def import_idp_metadata():
    upload = request.files["metadata"]
    handler = _MetadataHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(upload.read()))  #@vuln CWE-611
    if not handler.entity_id:
        return jsonify(error="no EntityDescriptor found"), 400
    return jsonify(entity_id=handler.entity_id, sso=handler.sso_urls)
