"""Fleet telemetry ingestion (Falcon): vehicle uploads, firmware bundles and geofence imports."""
import hashlib
import json
import os
import secrets
import subprocess
import urllib.request
import zipfile
from urllib.parse import urlparse

import falcon
from defusedxml import ElementTree as SafeET
from lxml import etree

UPLOAD_ROOT = "/srv/fleet/uploads"
BUNDLE_ROOT = "/srv/fleet/bundles"
MAP_TILE_HOSTS = ("tiles.openmaps.example", "tiles.fleetmaps.example")


def extract_bundle(zip_path: str, dest: str) -> int:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(dest)  #@vuln CWE-22
        return len(zf.namelist())


def extract_bundle_checked(zip_path: str, dest: str) -> int:
    dest_real = os.path.realpath(dest)
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            target = os.path.realpath(os.path.join(dest_real, info.filename))
            if not target.startswith(dest_real + os.sep):
                raise falcon.HTTPBadRequest(title="bad archive member")
            zf.extract(info, dest_real)  #@safe
        return len(zf.infolist())


class VehicleLogResource:
    def on_get(self, req, resp, vehicle_id):
        day = req.get_param("day", required=True)
        path = os.path.join(UPLOAD_ROOT, vehicle_id, day + ".jsonl")
        resp.stream = open(path, "rb")  #@vuln CWE-22
        resp.content_type = "application/x-ndjson"

    def on_post(self, req, resp, vehicle_id):
        if not vehicle_id.isalnum():
            raise falcon.HTTPBadRequest()
        name = secrets.token_hex(8) + ".jsonl"
        dest = os.path.join(UPLOAD_ROOT, vehicle_id, name)
        with open(dest, "wb") as fh:  #@safe
            fh.write(req.bounded_stream.read())
        resp.media = {"stored": name}


class BundleResource:
    def on_post(self, req, resp):
        bundle_name = os.path.basename(req.get_param("name", required=True))
        tmp_zip = os.path.join(BUNDLE_ROOT, "incoming", bundle_name)
        with open(tmp_zip, "wb") as fh:
            fh.write(req.bounded_stream.read())
        count = extract_bundle(tmp_zip, os.path.join(BUNDLE_ROOT, "live"))
        resp.media = {"files": count}


class GeofenceImportResource:
    def on_post(self, req, resp):
        raw = req.bounded_stream.read()
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=True))  #@vuln CWE-611
        resp.media = {"fences": len(root.findall(".//fence"))}


class GeofenceImportSafeResource:
    def on_post(self, req, resp):
        raw = req.bounded_stream.read()
        root = SafeET.fromstring(raw)  #@safe
        resp.media = {"fences": len(root.findall(".//fence"))}


class TileProxyResource:
    def on_get(self, req, resp):
        tile_url = req.get_param("u", required=True)
        with urllib.request.urlopen(tile_url, timeout=5) as upstream:  #@vuln CWE-918
            resp.data = upstream.read()
        resp.content_type = "image/png"


class TileProxyCheckedResource:
    def on_get(self, req, resp):
        tile_url = req.get_param("u", required=True)
        parsed = urlparse(tile_url)
        if parsed.scheme != "https" or parsed.hostname not in MAP_TILE_HOSTS:
            raise falcon.HTTPForbidden()
        with urllib.request.urlopen(tile_url, timeout=5) as upstream:  #@safe
            resp.data = upstream.read()
        resp.content_type = "image/png"


class DeviceEnrollResource:
    def on_post(self, req, resp):
        body = json.load(req.bounded_stream)
        device_secret = body["device_secret"]
        secret_hash = hashlib.sha1(device_secret.encode()).hexdigest()  #@vuln CWE-327|CWE-328|CWE-916
        record = {"serial": body["serial"], "secret_hash": secret_hash}
        resp.media = {"enrolled": record["serial"]}


class DeviceEnrollV2Resource:
    def on_post(self, req, resp):
        body = json.load(req.bounded_stream)
        salt = secrets.token_bytes(16)
        digest = hashlib.scrypt(body["device_secret"].encode(), salt=salt, n=2**14, r=8, p=1)  #@safe
        resp.media = {"enrolled": body["serial"], "salt": salt.hex(), "len": len(digest)}


class DashcamClipResource:
    def on_post(self, req, resp, vehicle_id):
        clip = req.get_param("clip", required=True)
        start = req.get_param("start", default="00:00:00")
        cmd = f"ffmpeg -y -ss {start} -i {UPLOAD_ROOT}/{vehicle_id}/{clip} -t 30 /tmp/{vehicle_id}-excerpt.mp4"
        subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78
        resp.media = {"excerpt": f"{vehicle_id}-excerpt.mp4"}


class DashcamClipV2Resource:
    def on_post(self, req, resp, vehicle_id):
        clip = os.path.basename(req.get_param("clip", required=True))
        start = req.get_param("start", default="00:00:00")
        src = os.path.join(UPLOAD_ROOT, vehicle_id, clip)
        subprocess.run(["ffmpeg", "-y", "-ss", start, "-i", src, "-t", "30", "excerpt.mp4"], check=True, cwd=BUNDLE_ROOT)  #@safe
        resp.media = {"excerpt": "excerpt.mp4"}


class WebhookRelayResource:
    def on_post(self, req, resp):
        body = req.get_media()
        with urllib.request.urlopen(urllib.request.Request(body["callback"], data=json.dumps(body["event"]).encode())) as r:  #@vuln CWE-918
            resp.media = {"relayed": r.status}


app = falcon.App()
app.add_route("/vehicles/{vehicle_id}/dashcam", DashcamClipResource())
app.add_route("/vehicles/{vehicle_id}/dashcam/v2", DashcamClipV2Resource())
app.add_route("/webhooks/relay", WebhookRelayResource())
app.add_route("/vehicles/{vehicle_id}/logs", VehicleLogResource())
app.add_route("/bundles", BundleResource())
app.add_route("/geofences/import", GeofenceImportResource())
app.add_route("/geofences/import-safe", GeofenceImportSafeResource())
app.add_route("/tiles", TileProxyResource())
app.add_route("/tiles/checked", TileProxyCheckedResource())
app.add_route("/devices/enroll", DeviceEnrollResource())
app.add_route("/devices/enroll/v2", DeviceEnrollV2Resource())
