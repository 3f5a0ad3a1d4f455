"""Route-planning worker: pulls jobs from Redis, calls OSRM and GDAL tooling."""
import json
import logging
import os
import re
import signal
import subprocess
import time

import httpx
import redis

from . import tiles

log = logging.getLogger("routing.worker")

REDIS_URL = os.environ.get("REDIS_URL", "redis://redis:6379/0")
QUEUE = "routing:jobs"
RESULTS = "routing:results:{job_id}"
OSRM_BASE = os.environ.get("OSRM_BASE", "http://osrm-eu.haulwise.internal:5000")
DATA_DIR = os.environ.get("ROUTING_DATA_DIR", "/srv/osrm")
GEOFENCE_DIR = os.environ.get("GEOFENCE_DIR", "/srv/geofences")
PROFILES = {
    "truck": "/opt/osrm/profiles/truck.lua",
    "van": "/opt/osrm/profiles/van.lua",
    "car": "/opt/osrm/profiles/car.lua",
}
COORD_RE = re.compile(r"^-?\d{1,3}\.\d+,-?\d{1,2}\.\d+$")

r = redis.Redis.from_url(REDIS_URL, decode_responses=True)
_running = True


def _coords(stops: list[dict]) -> str:
    pairs = [f"{float(s['lon']):.6f},{float(s['lat']):.6f}" for s in stops]
    if not all(COORD_RE.match(p) for p in pairs):
        raise ValueError("bad coordinates")
    return ";".join(pairs)


def osrm_table(stops: list[dict]) -> dict:
    url = f"{OSRM_BASE}/table/v1/driving/{_coords(stops)}"
    resp = httpx.get(url, params={"annotations": "duration,distance"}, timeout=30.0)  #@safe
    resp.raise_for_status()
    return resp.json()


def osrm_table_custom(base_url: str, stops: list[dict]) -> dict:
    resp = httpx.get(f"{base_url.rstrip('/')}/table/v1/driving/{_coords(stops)}", timeout=30.0)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.json()


def optimise(job: dict) -> dict:
    stops = job["stops"]
    table = osrm_table_custom(job["osrm_url"], stops) if job.get("osrm_url") else osrm_table(stops)
    durations = table["durations"]
    cost = eval("lambda leg, stop: " + job.get("cost_expression", "leg"))  #@vuln CWE-95
    order, current, remaining = [0], 0, set(range(1, len(stops)))
    while remaining:
        nxt = min(remaining, key=lambda j: cost(durations[current][j], stops[j]))
        order.append(nxt)
        remaining.discard(nxt)
        current = nxt
    return {"order": order, "references": [stops[i].get("reference") for i in order]}


def import_geofences(job: dict) -> dict:
    src = os.path.join(GEOFENCE_DIR, "incoming", f"{int(job['upload_id'])}.gpkg")
    out = os.path.join(GEOFENCE_DIR, "geojson", f"{int(job['upload_id'])}.geojson")
    where = job.get("where", "1=1")
    cmd = f'ogr2ogr -f GeoJSON -t_srs EPSG:4326 -where "{where}" {out} {src}'
    subprocess.check_output(cmd, shell=True, stderr=subprocess.STDOUT, timeout=300)  #@vuln CWE-78
    with open(out, encoding="utf-8") as fh:
        features = json.load(fh).get("features", [])
    return {"features": len(features), "path": out}


def rebuild_dataset(job: dict) -> dict:
    profile = PROFILES.get(job.get("profile", "truck"), PROFILES["truck"])
    region = job["region"]
    pbf = os.path.join(DATA_DIR, "extracts", f"{region}.osm.pbf")
    subprocess.run(["osrm-extract", "-p", profile, pbf], check=True, timeout=3600)  #@safe
    dataset = os.path.join(DATA_DIR, "extracts", f"{region}.osrm")
    with os.popen("osrm-partition " + dataset + " && osrm-customize " + dataset) as proc:  #@vuln CWE-78
        log.info("osrm build output: %s", proc.read()[-2000:])
    return {"dataset": dataset}


HANDLERS = {
    "optimise": optimise,
    "geofences": import_geofences,
    "rebuild": rebuild_dataset,
    "tiles": lambda job: tiles.install_bundle(job),
}


def process(raw: str) -> None:
    job = json.loads(raw)
    handler = HANDLERS.get(job.get("kind"))
    if handler is None:
        log.warning("unknown job kind %r", job.get("kind"))
        return
    started = time.monotonic()
    try:
        result = {"ok": True, "result": handler(job)}
    except Exception as exc:
        log.exception("job %s failed", job.get("id"))
        result = {"ok": False, "error": str(exc)}
    result["seconds"] = round(time.monotonic() - started, 2)
    r.set(RESULTS.format(job_id=job.get("id")), json.dumps(result), ex=86400)


def _stop(*_):
    global _running
    _running = False


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    signal.signal(signal.SIGTERM, _stop)
    while _running:
        item = r.blpop(QUEUE, timeout=5)
        if item:
            process(item[1])


if __name__ == "__main__":
    main()
