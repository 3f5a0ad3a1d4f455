"""HL7 FHIR R4 integration with partner EHRs (JSON and legacy XML endpoints)."""
import logging
from urllib.parse import urljoin, urlparse

import requests
from defusedxml import ElementTree as SafeET
from lxml import etree

from rxcommon.settings import BaseConfig

log = logging.getLogger(__name__)

FHIR_NS = {"f": "http://hl7.org/fhir"}
FHIR_JSON = "application/fhir+json"
FHIR_XML = "application/fhir+xml"


class FhirError(Exception):
    pass


class FhirClient:
    def __init__(self, base_url=None, token=None, timeout=15):
        self.base_url = (base_url or BaseConfig.FHIR_BASE_URL).rstrip("/") + "/"
        self.session = requests.Session()
        self.session.verify = BaseConfig.FHIR_CA_BUNDLE  #@safe
        self.session.headers["Accept"] = FHIR_JSON
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.timeout = timeout

    def read(self, resource_type, resource_id):
        url = urljoin(self.base_url, f"{resource_type}/{resource_id}")
        resp = self.session.get(url, timeout=self.timeout)
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return resp.json()

    def search(self, resource_type, **params):
        url = urljoin(self.base_url, resource_type)
        resp = self.session.get(url, params=params, timeout=self.timeout)
        resp.raise_for_status()
        return resp.json().get("entry", [])

    def medication_requests(self, patient_ref):
        return self.search("MedicationRequest", patient=patient_ref, status="active")


def client_for_host(host, token=None):
    """Build a client for one of the partner EHR hosts we have agreements with."""
    host = (host or "").lower().strip()
    if host not in BaseConfig.FHIR_ALLOWED_HOSTS:
        raise FhirError(f"unknown partner host {host!r}")
    return FhirClient(base_url=f"https://{host}/r4", token=token)


def fetch_partner_patient(host, patient_id, token=None):
    client = client_for_host(host, token)
    return client.read("Patient", patient_id)  #@safe


def fetch_bundle(source_url, token=None):
    """Pull a Bundle that a partner published for us to import."""
    headers = {"Accept": FHIR_JSON}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    resp = requests.get(source_url, headers=headers, timeout=20)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.json()


def fetch_legacy_xml(path, params=None):
    """St. Mary's DSTU2 gateway only speaks XML."""
    url = "https://fhir-legacy.stmarys-health.example.org/dstu2/" + path.lstrip("/")
    resp = requests.get(url, params=params, headers={"Accept": FHIR_XML}, timeout=20, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.content


def parse_bundle_xml(xml_bytes):
    """Parse a FHIR XML Bundle into a list of (resourceType, id) tuples."""
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    root = etree.fromstring(xml_bytes, parser=parser)  #@vuln CWE-611
    entries = []
    for resource in root.iterfind("f:entry/f:resource/*", namespaces=FHIR_NS):
        rid = resource.find("f:id", namespaces=FHIR_NS)
        entries.append((etree.QName(resource).localname, rid.get("value") if rid is not None else None))
    return entries


def parse_operation_outcome(xml_bytes):
    root = SafeET.fromstring(xml_bytes)  #@safe
    issues = []
    for issue in root.iter("{http://hl7.org/fhir}issue"):
        diag = issue.find("{http://hl7.org/fhir}diagnostics")
        issues.append(diag.get("value") if diag is not None else "")
    return issues


def partner_host_of(url):
    return urlparse(url).hostname or ""
