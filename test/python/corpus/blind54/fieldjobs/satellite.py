"""Sentinel-2 scene download and NDVI raster processing."""
import json
import logging
import os
import subprocess
import tarfile
import tempfile
from urllib.parse import urlparse

import requests

from agrocore import db
from agrocore.config import SatelliteConfig, WeatherConfig
from agrocore.paths import ensure_dir, export_path
from fieldjobs.celery_app import app

log = logging.getLogger(__name__)


def _access_token():
    resp = requests.post(
        f"{SatelliteConfig.api_url}/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": SatelliteConfig.client_id,
            "client_secret": SatelliteConfig.client_secret,
        },
        timeout=20,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


def scene_download_url(scene_id):
    resp = requests.get(
        f"{SatelliteConfig.api_url}/api/v1/catalog/scenes/{scene_id}",
        headers={"Authorization": f"Bearer {_access_token()}"},
        timeout=20,
    )
    resp.raise_for_status()
    return resp.json()["assets"]["bands"]["href"]


def download_scene(scene_id):
    url = scene_download_url(scene_id)
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in SatelliteConfig.scene_hosts:
        raise ValueError(f"unexpected scene host {parsed.hostname}")
    archive = tempfile.mktemp(suffix=".tar.gz", dir=SatelliteConfig.work_dir)  #@vuln CWE-377
    with requests.get(url, stream=True, timeout=120, verify=WeatherConfig.ca_bundle) as resp:  #@safe
        resp.raise_for_status()
        with open(archive, "wb") as fh:
            for chunk in resp.iter_content(chunk_size=1 << 20):
                fh.write(chunk)

    scene_dir = ensure_dir(os.path.join(SatelliteConfig.work_dir, scene_id))
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(scene_dir)  #@vuln CWE-22
    os.unlink(archive)
    return scene_dir


def _field_cutline(field_id):
    row = db.fetch_one(
        "SELECT ST_AsGeoJSON(boundary) AS geom FROM fields_field WHERE id = %s",
        (field_id,),
    )
    with tempfile.NamedTemporaryFile("w", suffix=".geojson", delete=False) as fh:  #@safe
        json.dump({"type": "Feature", "geometry": json.loads(row["geom"]), "properties": {}}, fh)
        return fh.name


def clip_to_field(field_id, source, destination):
    cutline = _field_cutline(field_id)
    try:
        subprocess.run(  #@safe
            ["gdalwarp", "-overwrite", "-cutline", cutline, "-crop_to_cutline", source, destination],
            check=True,
            capture_output=True,
        )
    finally:
        os.unlink(cutline)
    return destination


@app.task(bind=True, acks_late=True)
def compute_ndvi(self, field_id, scene_id, output_name):
    scene_dir = download_scene(scene_id)
    red = clip_to_field(field_id, os.path.join(scene_dir, "B04.jp2"), os.path.join(scene_dir, f"red_{field_id}.tif"))
    nir = clip_to_field(field_id, os.path.join(scene_dir, "B08.jp2"), os.path.join(scene_dir, f"nir_{field_id}.tif"))
    out_dir = ensure_dir(export_path("ndvi", str(field_id)))
    outfile = os.path.join(out_dir, f"{output_name}.tif")
    command = (
        f'gdal_calc.py -A {red} -B {nir} --outfile={outfile} '
        f'--calc="(B.astype(float)-A)/(B+A+0.0001)" --type=Float32 --overwrite'
    )
    log.info("ndvi for field %s: %s", field_id, command)
    subprocess.run(command, shell=True, check=True)  #@vuln CWE-78
    return outfile
