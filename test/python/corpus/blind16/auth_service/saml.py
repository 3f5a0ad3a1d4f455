import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

import defusedxml.ElementTree as SafeET
import requests

from .settings import SSO_METADATA_URL

MD_NS = "{urn:oasis:names:tc:SAML:2.0:metadata}"


class _EntityHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.entity_id = None

    def startElement(self, name, attrs):
        if name.endswith("EntityDescriptor") and self.entity_id is None:
            self.entity_id = attrs.get("entityID")


def entity_id_from_assertion(xml_bytes: bytes) -> str:
    handler = _EntityHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(xml_bytes))
    return handler.entity_id


def load_idp_metadata() -> dict:
    resp = requests.get(SSO_METADATA_URL, timeout=10)
    resp.raise_for_status()
    root = SafeET.fromstring(resp.content)  #@safe
    sso = root.find(f".//{MD_NS}SingleSignOnService")
    return {"entity_id": root.get("entityID"), "sso_url": sso.get("Location") if sso is not None else None}
