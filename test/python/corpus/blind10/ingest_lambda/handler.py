"""
Lambda entry points for the telemetry ingest pipeline.

API Gateway (REST, proxy integration) -> these handlers -> Aurora MySQL / S3.
Each function is wired to its own route in ``template.yaml``.
"""
import base64
import hashlib
import json
import logging
import os
import urllib.request
from urllib.parse import quote

import boto3
import defusedxml.ElementTree as SafeET
import jsonpickle
import pymysql
import requests
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from lxml import etree

logger = logging.getLogger()
logger.setLevel(logging.INFO)

DB_HOST = os.environ.get("DB_HOST", "telemetry.cluster-example.eu-west-1.rds.amazonaws.com")
DB_USER = "ingest_writer"
DB_PASSWORD = "Ingest-Writer-2024!"  #@vuln CWE-798|CWE-259
ALERT_WEBHOOK = os.environ["ALERT_WEBHOOK_URL"]
STATUS_ENDPOINT = os.environ.get("STATUS_ENDPOINT", "https://status.internal.example/api/events")
PAYLOAD_KEY = base64.b64decode(os.environ["PAYLOAD_KEY_B64"])
RAW_BUCKET = os.environ.get("RAW_BUCKET", "telemetry-raw")
FIRMWARE_INDEX = "https://firmware.example-iot.com/manifests"

s3 = boto3.client("s3")
STATUS_TOKEN = boto3.client("secretsmanager").get_secret_value(SecretId="ingest/status-token")["SecretString"]  #@safe


def _response(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body, default=str)}


def _connect():
    return pymysql.connect(host=DB_HOST, user=DB_USER, password=DB_PASSWORD, database="telemetry", connect_timeout=5)


def _body(event):
    raw = event.get("body") or ""
    if event.get("isBase64Encoded"):
        raw = base64.b64decode(raw).decode("utf-8")
    return raw


def _decrypt_payload(blob):
    decryptor = Cipher(algorithms.AES(PAYLOAD_KEY), modes.ECB()).decryptor()  #@vuln CWE-327
    padded = decryptor.update(blob) + decryptor.finalize()
    return padded[: -padded[-1]]


def _encrypt_archive(data):
    nonce = os.urandom(12)
    encryptor = Cipher(algorithms.AES(PAYLOAD_KEY), modes.GCM(nonce)).encryptor()  #@safe
    ciphertext = encryptor.update(data) + encryptor.finalize()
    return nonce + encryptor.tag + ciphertext


def _send_alert(message):
    requests.post(ALERT_WEBHOOK, json={"text": message}, timeout=5, verify=False)  #@vuln CWE-295


def _publish_status(event_type, detail):
    headers = {"Authorization": f"Bearer {STATUS_TOKEN}"}
    requests.post(STATUS_ENDPOINT, json={"type": event_type, "detail": detail}, headers=headers, timeout=5, verify=True)  #@safe


def register_device(event, context):
    payload = json.loads(_body(event))  #@safe
    device_id = payload["device_id"]
    firmware = payload.get("firmware", "unknown")
    secret_hash = hashlib.md5(payload["device_secret"].encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328
    conn = _connect()
    try:
        with conn.cursor() as cur:
            cur.execute("INSERT INTO devices (device_id, firmware, secret_hash, registered_at) VALUES (%s, %s, %s, NOW())", (device_id, firmware, secret_hash))  #@safe
        conn.commit()
    finally:
        conn.close()
    _publish_status("device.registered", {"device_id": device_id})
    return _response(201, {"device_id": device_id})


def device_readings(event, context):
    params = event.get("queryStringParameters") or {}
    device_id = params.get("device_id", "")
    since = params.get("since", "1970-01-01")
    sql = "SELECT ts, metric, value FROM readings WHERE device_id = '" + device_id + "' AND ts >= '" + since + "' ORDER BY ts LIMIT 500"
    conn = _connect()
    try:
        with conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute(sql)  #@vuln CWE-89
            rows = cur.fetchall()
    finally:
        conn.close()
    return _response(200, {"device_id": device_id, "readings": rows})


def ingest_encrypted(event, context):
    blob = base64.b64decode(_body(event))
    readings = json.loads(_decrypt_payload(blob))
    key = f"encrypted/{context.aws_request_id}.bin"
    s3.put_object(Bucket=RAW_BUCKET, Key=key, Body=_encrypt_archive(json.dumps(readings).encode()))
    return _response(202, {"stored": key, "count": len(readings)})


def ingest_xml(event, context):
    raw = _body(event).encode("utf-8")
    try:
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=True, no_network=False))  #@vuln CWE-611
    except etree.XMLSyntaxError as exc:
        return _response(400, {"error": str(exc)})
    readings = [{"metric": el.get("name"), "value": el.text} for el in root.iter("reading")]
    s3.put_object(Bucket=RAW_BUCKET, Key=f"xml/{context.aws_request_id}.json", Body=json.dumps(readings))
    return _response(202, {"count": len(readings)})


def ingest_xml_v2(event, context):
    root = SafeET.fromstring(_body(event))  #@safe
    readings = [{"metric": el.get("name"), "value": el.text} for el in root.iter("reading")]
    s3.put_object(Bucket=RAW_BUCKET, Key=f"xml-v2/{context.aws_request_id}.json", Body=json.dumps(readings))
    return _response(202, {"count": len(readings)})


def replay_batch(event, context):
    batch = jsonpickle.decode(_body(event))  #@vuln CWE-502
    if not isinstance(batch, list):
        return _response(400, {"error": "expected a list"})
    if len(batch) > 10000:
        _send_alert(f"oversized replay batch from {event['requestContext'].get('identity', {}).get('sourceIp')}")
    s3.put_object(Bucket=RAW_BUCKET, Key=f"replay/{context.aws_request_id}.json", Body=json.dumps(batch, default=str))
    return _response(202, {"count": len(batch)})


def import_remote(event, context):
    params = event.get("queryStringParameters") or {}
    source = params.get("source")
    if not source:
        return _response(400, {"error": "source is required"})
    with urllib.request.urlopen(source, timeout=10) as resp:  #@vuln CWE-918
        data = resp.read()
    s3.put_object(Bucket=RAW_BUCKET, Key=f"imports/{context.aws_request_id}.json", Body=data)
    return _response(202, {"bytes": len(data)})


def firmware_manifest(event, context):
    model = (event.get("pathParameters") or {}).get("model", "")
    with urllib.request.urlopen(f"{FIRMWARE_INDEX}/{quote(model, safe='')}.json", timeout=10) as resp:  #@safe
        manifest = json.load(resp)
    return _response(200, manifest)
