"""Celery tasks that keep OTA channels in sync with the PMS."""
import base64
import io
import logging
import marshal
import os
import tarfile
import tempfile
import zipfile
from datetime import date, datetime, timedelta

import requests
import yaml

from .celery_app import CONTENT_DIR, app, mongo_db
from .ota_client import PARTNERS, OtaClient, fetch_partner_asset, post_ack
from .soap_rates import load_legacy_batch, parse_rate_notification, parse_reservation_notification, push_rates_to_gds

log = logging.getLogger(__name__)

PMS_API = os.environ.get("PMS_API_URL", "https://pms.internal.grandmeridian.example/api")
PMS_TOKEN = os.environ.get("PMS_SERVICE_TOKEN", "")


def _pms_headers():
    return {"Authorization": f"Bearer {PMS_TOKEN}"}


@app.task(bind=True, max_retries=5, default_retry_delay=60)
def push_availability_all(self):
    start = date.today()
    params = {"start": start.isoformat(), "end": (start + timedelta(days=365)).isoformat()}
    resp = requests.get(f"{PMS_API}/reports/availability", params=params, headers=_pms_headers(), timeout=60)
    resp.raise_for_status()
    grid = resp.json()
    for channel in PARTNERS:
        mapping = mongo_db().hotel_mappings.find_one({"channel": channel, "active": True})
        if not mapping:
            continue
        try:
            OtaClient(channel).push_availability(mapping["ota_hotel_id"], grid)
        except requests.RequestException as exc:
            raise self.retry(exc=exc)


@app.task
def import_ota_booking(channel, booking):
    room_map = mongo_db().room_mappings.find_one({"channel": channel, "ota_room_code": str(booking.get("room_code", ""))})
    if room_map is None:
        log.warning("no room mapping for %s/%s", channel, booking.get("room_code"))
        return None
    body = {
        "guest": booking["guest"],
        "room_type": room_map["pms_room_type"],
        "rate_code": room_map["pms_rate_code"],
        "arrival": booking["arrival"],
        "departure": booking["departure"],
        "channel": channel,
        "special_requests": booking.get("comments", ""),
    }
    resp = requests.post(f"{PMS_API}/reservations", json=body, headers=_pms_headers(), timeout=30)
    resp.raise_for_status()
    return resp.json()["confirmation_code"]


@app.task
def handle_ota_webhook(channel, payload):
    hotel_id = payload.get("hotel_id", "")
    mapping = mongo_db().hotel_mappings.find_one({"$where": f"this.ota_hotel_id == '{hotel_id}'"})  #@vuln CWE-943
    if mapping is None:
        return {"status": "unknown-hotel"}
    if payload.get("type") == "reservation":
        for booking in parse_reservation_notification(payload["xml"].encode("utf-8")):
            import_ota_booking.delay(channel, booking)
    elif payload.get("type") == "rates":
        rates = parse_rate_notification(payload["xml"].encode("utf-8"))
        mongo_db().rate_snapshots.insert_one({"channel": channel, "rates": [str(r) for r in rates]})
    if payload.get("callback_url"):
        post_ack(payload["callback_url"], {"hotel_id": hotel_id, "received": True})
    return {"status": "ok"}


@app.task
def confirm_to_partner(payload):
    ack = {"reservation_id": payload["reservation_id"], "status": "confirmed"}
    resp = requests.post(payload["confirm_url"], json=ack, timeout=10)  #@vuln CWE-918
    return resp.status_code


@app.task
def mapping_report(channel, filter_spec):
    query = {"channel": channel}
    query.update(filter_spec)
    rows = mongo_db().room_mappings.find(query, {"_id": 0})  #@vuln CWE-943
    return list(rows)


@app.task
def apply_rate_rules(channel, base_rates, rules):
    adjusted = []
    for item in base_rates:
        rate = float(item["amount"])
        for rule in rules:
            if rule.get("room_type") in (None, item["room_type"]):
                rate = eval(rule["formula"], {"__builtins__": {}}, {"rate": rate, "los": item.get("los", 1)})  #@vuln CWE-95
        adjusted.append({**item, "amount": round(rate, 2)})
    if channel == "gds":
        push_rates_to_gds(os.environ.get("GDS_HOTEL_CODE", "GMRLIS"), adjusted)
    return adjusted


@app.task
def import_partner_mapping(document):
    mapping = yaml.load(document, Loader=yaml.Loader)  #@vuln CWE-502
    for row in mapping.get("rooms", []):
        mongo_db().room_mappings.update_one(
            {"channel": mapping["channel"], "ota_room_code": row["ota"]},
            {"$set": {"pms_room_type": row["pms"], "pms_rate_code": row.get("rate", "BAR")}},
            upsert=True,
        )


@app.task
def import_partner_settings(document):
    settings = yaml.safe_load(document)  #@safe
    mongo_db().partner_settings.replace_one({"channel": settings["channel"]}, settings, upsert=True)


@app.task
def restore_sync_cursor(channel, encoded_state):
    state = marshal.loads(base64.b64decode(encoded_state))  #@vuln CWE-502
    mongo_db().sync_cursors.replace_one({"channel": channel}, {"channel": channel, **state}, upsert=True)


@app.task
def refresh_content_packs():
    for setting in mongo_db().partner_settings.find({"content_pack_url": {"$exists": True}}):
        archive = fetch_partner_asset(setting["content_pack_url"])
        dest = os.path.join(CONTENT_DIR, setting["channel"])
        os.makedirs(dest, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
            tar.extractall(dest)  #@vuln CWE-22


@app.task
def import_photo_bundle(channel, bundle_url):
    data = fetch_partner_asset(bundle_url)
    dest = os.path.realpath(os.path.join(CONTENT_DIR, channel, "photos"))
    os.makedirs(dest, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for member in zf.infolist():
            target = os.path.realpath(os.path.join(dest, member.filename))
            if not target.startswith(dest + os.sep):
                log.warning("skipping %s", member.filename)
                continue
            zf.extract(member, dest)  #@safe


@app.task
def import_allotment_batch(channel, batch_url):
    data = fetch_partner_asset(batch_url)
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as tmp:
        tmp.write(data)
    try:
        allotments = load_legacy_batch(tmp.name)
    finally:
        os.unlink(tmp.name)
    mongo_db().allotments.insert_one({"channel": channel, "items": allotments, "at": datetime.utcnow()})
    return len(allotments)
