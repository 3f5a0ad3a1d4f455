"""Bulk import endpoints: field boundaries (KML/KMZ), ISOBUS task files,
spray plans and field snapshots exported from the mobile app."""
import base64
import os
import pickle
import shutil
import uuid
import zipfile

import defusedxml.ElementTree as DefusedET
import yaml
from django.conf import settings
from django.contrib.gis.geos import Polygon
from lxml import etree
from rest_framework import status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from agrocore.paths import ensure_dir
from fieldapi.models import Farm, Field, SprayRecord

KML_NS = {"kml": "http://www.opengis.net/kml/2.2"}


def _polygon_from_coords(text):
    points = []
    for chunk in text.split():
        lon, lat, *_ = chunk.split(",")
        points.append((float(lon), float(lat)))
    if points and points[0] != points[-1]:
        points.append(points[0])
    return Polygon(points, srid=4326)


def _fields_from_kml(tree):
    for placemark in tree.iterfind(".//kml:Placemark", KML_NS):
        name = placemark.findtext("kml:name", default="Unnamed", namespaces=KML_NS)
        coords = placemark.findtext(".//kml:coordinates", namespaces=KML_NS)
        if coords:
            yield name.strip(), _polygon_from_coords(coords)


class BoundaryImportView(APIView):
    parser_classes = [MultiPartParser]

    def post(self, request, farm_id):
        farm = Farm.objects.get(pk=farm_id, members=request.user)
        upload = request.FILES["file"]
        created = []

        if upload.name.lower().endswith(".kmz"):
            workdir = ensure_dir(os.path.join(settings.IMPORT_ROOT, uuid.uuid4().hex))
            with zipfile.ZipFile(upload) as bundle:
                for member in bundle.infolist():
                    if member.is_dir():
                        continue
                    target = os.path.join(workdir, member.filename)
                    ensure_dir(os.path.dirname(target))
                    with bundle.open(member) as src, open(target, "wb") as dst:  #@vuln CWE-22
                        shutil.copyfileobj(src, dst)
            kml_path = os.path.join(workdir, "doc.kml")
            with open(kml_path, "rb") as fh:
                payload = fh.read()
        else:
            payload = upload.read()

        parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
        tree = etree.fromstring(payload, parser)  #@vuln CWE-611
        for name, polygon in _fields_from_kml(tree):
            field = Field.objects.create(farm=farm, name=name, soil_type="loam", area_ha=0, boundary=polygon)
            created.append(field.id)
        return Response({"created": created}, status=status.HTTP_201_CREATED)


class IsoTaskImportView(APIView):
    parser_classes = [MultiPartParser]

    def post(self, request, farm_id):
        upload = request.FILES["taskdata"]
        root = DefusedET.fromstring(upload.read())  #@safe
        tasks = [
            {"id": task.get("A"), "designator": task.get("B"), "status": task.get("G")}
            for task in root.iter("TSK")
        ]
        return Response({"farm": farm_id, "tasks": tasks})


class SprayPlanImportView(APIView):
    parser_classes = [JSONParser, MultiPartParser]

    def post(self, request, farm_id):
        upload = request.FILES.get("plan")
        plan = yaml.load(upload.read(), Loader=yaml.Loader)  #@vuln CWE-502
        entries = plan.get("applications", []) if isinstance(plan, dict) else []
        return Response({"farm": farm_id, "planned": len(entries), "preview": entries[:5]})


class ProductCatalogueImportView(APIView):
    parser_classes = [MultiPartParser]

    def post(self, request):
        upload = request.FILES["catalogue"]
        catalogue = yaml.safe_load(upload.read()) or {}  #@safe
        products = catalogue.get("products", [])
        return Response({"products": [p.get("name") for p in products if isinstance(p, dict)]})


class SnapshotRestoreView(APIView):
    parser_classes = [JSONParser]

    def post(self, request, farm_id):
        blob = request.data.get("snapshot", "")
        snapshot = pickle.loads(base64.b64decode(blob))  #@vuln CWE-502
        restored = 0
        for record in snapshot.get("spray_records", []):
            SprayRecord.objects.filter(pk=record["id"], crop__field__farm_id=farm_id).update(
                operator_notes=record.get("operator_notes", "")
            )
            restored += 1
        return Response({"restored": restored})
