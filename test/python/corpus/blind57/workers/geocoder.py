"""Client for the city GIS locator and parcel services."""
import logging

import requests
from django.conf import settings

log = logging.getLogger(__name__)

GIS_CLIENT_ID = "civicdesk-portal"
GIS_CLIENT_SECRET = "7c1e9b0a4f2d48e6a35b90c1d7e2f814"  #@vuln CWE-798
PARCEL_LAYER_URL = "https://parcels.gis-legacy.city.example/arcgis/rest/services/Parcels/MapServer/0/query"
CITY_BOUNDS = (41.64, -87.94, 42.03, -87.52)


class GeocodeError(Exception):
    pass


def _token():
    resp = requests.post(
        settings.GEOCODER_BASE_URL.replace("/rest/services/Locator/GeocodeServer", "/tokens/generateToken"),
        data={"client_id": GIS_CLIENT_ID, "client_secret": GIS_CLIENT_SECRET, "f": "json"},
        verify=settings.GEOCODER_CA_BUNDLE,
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


def geocode(address):
    params = {"SingleLine": address, "outFields": "Addr_type,Ward", "maxLocations": 1, "f": "json", "token": _token()}
    resp = requests.get(  #@safe
        f"{settings.GEOCODER_BASE_URL}/findAddressCandidates",
        params=params,
        verify=settings.GEOCODER_CA_BUNDLE,
        timeout=10,
    )
    resp.raise_for_status()
    candidates = resp.json().get("candidates", [])
    if not candidates:
        raise GeocodeError(f"no match for {address!r}")
    best = candidates[0]
    lat, lon = best["location"]["y"], best["location"]["x"]
    if not (CITY_BOUNDS[0] <= lat <= CITY_BOUNDS[2] and CITY_BOUNDS[1] <= lon <= CITY_BOUNDS[3]):
        raise GeocodeError("match outside city limits")
    return {"lat": lat, "lon": lon, "ward": best.get("attributes", {}).get("Ward")}


def parcel_at(lat, lon):
    params = {
        "geometry": f"{lon},{lat}",
        "geometryType": "esriGeometryPoint",
        "inSR": 4326,
        "outFields": "PIN,ZONING",
        "f": "json",
    }
    resp = requests.get(PARCEL_LAYER_URL, params=params, timeout=15, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    features = resp.json().get("features", [])
    return features[0]["attributes"] if features else None


def geocode_with_provider(address, provider_url):
    """Contractors may point an application at their own survey locator."""
    resp = requests.get(provider_url, params={"address": address, "f": "json"}, timeout=10)  #@vuln CWE-918
    resp.raise_for_status()
    data = resp.json()
    return {"lat": data["lat"], "lon": data["lon"], "ward": data.get("ward")}
