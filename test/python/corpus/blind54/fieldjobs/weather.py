"""Weather ingestion: forecasts, farm-owned stations and the regional
agro-meteorological bulletin."""
import logging
from datetime import datetime, timezone
from urllib.parse import urlparse

import requests
from lxml import etree

from agrocore import db
from agrocore.config import WeatherConfig
from fieldjobs.celery_app import app

log = logging.getLogger(__name__)
session = requests.Session()
session.headers["User-Agent"] = "AgriSense-weather/2.3"


def _save_observation(source, ref_id, payload):
    with db.connection() as conn:
        with conn.cursor() as cur:
            cur.execute(
                "INSERT INTO weather_observation (source, ref_id, observed_at, payload) VALUES (%s, %s, %s, %s)",
                (source, ref_id, datetime.now(timezone.utc), payload),
            )


@app.task(bind=True, max_retries=3, default_retry_delay=120)
def pull_forecast(self, field_id):
    field = db.get_field(field_id)
    if field is None:
        return None
    params = {
        "lat": field["centroid_lat"],
        "lon": field["centroid_lon"],
        "appid": WeatherConfig.api_key,
        "units": "metric",
        "exclude": "minutely",
    }
    try:
        resp = session.get(f"{WeatherConfig.base_url}/onecall", params=params, timeout=WeatherConfig.timeout)
        resp.raise_for_status()
    except requests.RequestException as exc:
        raise self.retry(exc=exc)
    _save_observation("owm", field_id, resp.text)
    return resp.json().get("current", {}).get("temp")


@app.task
def refresh_all_forecasts():
    for row in db.fetch_all("SELECT id FROM fields_field"):
        pull_forecast.delay(row["id"])


@app.task
def pull_station(station_id):
    station = db.get_station(station_id)
    if station is None:
        return None
    resp = requests.get(station["endpoint_url"], timeout=10)  #@vuln CWE-918
    resp.raise_for_status()
    _save_observation("station", station_id, resp.text)
    return len(resp.content)


@app.task
def poll_all_stations():
    for row in db.fetch_all("SELECT id FROM fields_weatherstation"):
        pull_station.delay(row["id"])


@app.task
def pull_agency_bulletin(region):
    url = f"{WeatherConfig.bulletin_url}/{region}/latest.xml"
    resp = requests.get(url, timeout=30, verify=False)  #@vuln CWE-295
    parser = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(resp.content, parser)  #@vuln CWE-611
    warnings = [w.text for w in doc.iter("warning") if w.text]
    _save_observation("bulletin", region, resp.text)
    return warnings


def fetch_soil_profile(url):
    host = urlparse(url).hostname
    if urlparse(url).scheme != "https" or host not in WeatherConfig.soil_hosts:
        raise ValueError(f"soil source {host} is not permitted")
    resp = requests.get(url, timeout=20, verify=WeatherConfig.ca_bundle)  #@safe
    resp.raise_for_status()
    return resp.json()


@app.task
def notify_frost_risk(farm_id, field_name, min_temp):
    payload = {"event": "frost_risk", "field": field_name, "min_temp_c": min_temp}
    for hook in db.webhooks_for_farm(farm_id, "frost_risk"):
        try:
            requests.post(hook["target_url"], json=payload, timeout=5)  #@vuln CWE-918
        except requests.RequestException:
            log.warning("webhook %s failed", hook["id"])
