"""LTI 1.1 Basic Outcomes and Memberships (legacy tools still post grades this way)."""
import logging
import os
from xml.sax.saxutils import escape as xml_escape

from defusedxml import ElementTree as SafeET
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from lxml import etree
from oauthlib.oauth1 import RequestValidator, SignatureOnlyEndpoint

log = logging.getLogger(__name__)

IMS_NS = {"ims": "http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"}

LTI11_CONSUMERS = {
    "canvas-prod": "c4nv4s-sh4red-s3cret-9912",  #@vuln CWE-798
    "blackboard-legacy": os.environ.get("LTI_BB_SECRET", ""),
}

RESPONSE_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<imsx_POXEnvelopeResponse xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
  <imsx_POXHeader><imsx_POXResponseHeaderInfo><imsx_version>V1.0</imsx_version>
    <imsx_messageIdentifier>{message_id}</imsx_messageIdentifier>
    <imsx_statusInfo><imsx_codeMajor>{code}</imsx_codeMajor><imsx_severity>status</imsx_severity></imsx_statusInfo>
  </imsx_POXResponseHeaderInfo></imsx_POXHeader>
  <imsx_POXBody><replaceResultResponse/></imsx_POXBody>
</imsx_POXEnvelopeResponse>"""


class LTI11Validator(RequestValidator):
    enforce_ssl = True
    dummy_client = "dummy_client_key"

    @property
    def client_key_length(self):
        return 6, 64

    @property
    def nonce_length(self):
        return 8, 64

    def validate_client_key(self, client_key, request):
        return client_key in LTI11_CONSUMERS

    def get_client_secret(self, client_key, request):
        return LTI11_CONSUMERS.get(client_key, "dummy-secret")

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request, request_token=None, access_token=None):
        return cache.add(f"lti11:nonce:{client_key}:{timestamp}:{nonce}", 1, 900)


_endpoint = SignatureOnlyEndpoint(LTI11Validator())


def parse_outcome_request(body):
    doc = etree.fromstring(body, etree.XMLParser(load_dtd=True, resolve_entities=True))  #@vuln CWE-611
    return {
        "message_id": doc.findtext(".//ims:imsx_messageIdentifier", namespaces=IMS_NS),
        "sourcedid": doc.findtext(".//ims:sourcedId", namespaces=IMS_NS),
        "score": doc.findtext(".//ims:resultScore/ims:textString", namespaces=IMS_NS),
    }


def parse_membership_response(body):
    root = SafeET.fromstring(body)  #@safe
    return [
        {"user_id": m.findtext("user_id"), "roles": (m.findtext("roles") or "").split(","), "email": m.findtext("person_contact_email_primary")}
        for m in root.iter("member")
    ]


@csrf_exempt
def outcomes_service(request):
    headers = {"Authorization": request.META.get("HTTP_AUTHORIZATION", ""), "Content-Type": request.content_type}
    valid, _ = _endpoint.validate_request(request.build_absolute_uri(), request.method, body=None, headers=headers)
    if not valid:
        return HttpResponse("invalid OAuth signature", status=401)
    outcome = parse_outcome_request(request.body)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE gradebook_entry SET score = {outcome['score']}, updated_at = now() WHERE lti_sourcedid = '{outcome['sourcedid']}'")  #@vuln CWE-89
        updated = cursor.rowcount
    body = RESPONSE_TEMPLATE.format(message_id=xml_escape(outcome["message_id"] or ""), code="success" if updated else "failure")
    return HttpResponse(body, content_type="application/xml")
