"""Record imports from other practice-management systems.

Clinics joining the network bring their records in one of several formats:
VetXML exports, YAML clinic profiles, or a snapshot from the old desktop app.
"""
import base64
import logging
import pickle
import xml.sax

import defusedxml.ElementTree as SafeET
import jsonpickle
import yaml
from django.db import transaction
from lxml import etree
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from clinic_api.models import Clinic, Owner, Patient

log = logging.getLogger(__name__)


def _import_patient(clinic, record):
    owner, _ = Owner.objects.get_or_create(
        clinic=clinic,
        email=record.get("owner_email", ""),
        defaults={
            "first_name": record.get("owner_first", ""),
            "last_name": record.get("owner_last", ""),
            "mobile": record.get("owner_mobile", ""),
        },
    )
    return Patient.objects.create(
        clinic=clinic,
        owner=owner,
        name=record.get("name", "Unknown"),
        species=record.get("species", "exotic"),
        breed=record.get("breed", ""),
        microchip=record.get("microchip", ""),
    )


class VetXmlImportView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    def post(self, request, clinic_code):
        clinic = Clinic.objects.get(code=clinic_code)
        upload = request.FILES["export"]
        parser = etree.XMLParser(resolve_entities=True, no_network=False, load_dtd=True)
        tree = etree.fromstring(upload.read(), parser)  #@vuln CWE-611
        created = 0
        with transaction.atomic():
            for node in tree.iter("Patient"):
                record = {child.tag.lower(): (child.text or "").strip() for child in node}
                _import_patient(clinic, record)
                created += 1
        return Response({"created": created}, status=status.HTTP_201_CREATED)


class LabCatalogueImportView(APIView):
    parser_classes = [MultiPartParser]

    def post(self, request, clinic_code):
        root = SafeET.fromstring(request.FILES["catalogue"].read())  #@safe
        tests = [
            {"code": t.get("code"), "name": (t.findtext("Name") or "").strip()}
            for t in root.findall(".//Test")
        ]
        return Response({"tests": tests})


class _VaccineHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.records, self._current, self._field = [], None, None

    def startElement(self, name, attrs):
        if name == "Vaccination":
            self._current = {"patient": attrs.get("patient")}
        elif self._current is not None:
            self._field = name

    def characters(self, content):
        if self._current is not None and self._field:
            self._current[self._field] = self._current.get(self._field, "") + content

    def endElement(self, name):
        if name == "Vaccination" and self._current:
            self.records.append(self._current)
            self._current = None
        self._field = None


class VaccinationImportView(APIView):
    parser_classes = [MultiPartParser]

    def post(self, request, clinic_code):
        handler = _VaccineHandler()
        parser = xml.sax.make_parser()
        parser.setFeature(xml.sax.handler.feature_external_ges, True)
        parser.setContentHandler(handler)
        parser.parse(request.FILES["vaccinations"])  #@vuln CWE-611
        return Response({"vaccinations": handler.records})


class ClinicProfileImportView(APIView):
    def post(self, request, clinic_code):
        profile = yaml.load(request.body, Loader=yaml.Loader)  #@vuln CWE-502
        clinic = Clinic.objects.get(code=clinic_code)
        clinic.name = profile.get("name", clinic.name)
        clinic.phone = profile.get("phone", clinic.phone)
        clinic.save()
        return Response({"updated": clinic.code})


class OpeningHoursImportView(APIView):
    def post(self, request, clinic_code):
        hours = yaml.safe_load(request.body) or {}  #@safe
        return Response({"days": sorted(hours)})


class DesktopSnapshotImportView(APIView):
    """Restore a snapshot exported by the retired PawsDesk desktop client."""

    def post(self, request, clinic_code):
        clinic = Clinic.objects.get(code=clinic_code)
        blob = base64.b64decode(request.data["snapshot"])
        snapshot = pickle.loads(blob)  #@vuln CWE-502
        with transaction.atomic():
            for record in snapshot.get("patients", []):
                _import_patient(clinic, record)
        return Response({"restored": len(snapshot.get("patients", []))})


class WaitlistSyncView(APIView):
    def post(self, request, clinic_code):
        entries = jsonpickle.decode(request.body.decode("utf-8"))  #@vuln CWE-502
        log.info("waitlist sync for %s: %d entries", clinic_code, len(entries))
        return Response({"received": len(entries)})
