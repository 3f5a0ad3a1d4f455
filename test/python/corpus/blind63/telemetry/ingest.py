"""Telemetry ingester: consumes MQTT uplinks from cab units and Kafka events from partner gateways."""
import hashlib
import hmac
import json
import logging
import os
import signal
import ssl
import threading

import jwt
import paho.mqtt.client as mqtt
from kafka import KafkaConsumer

from . import store
from .codecs import CodecError, codec_from_topic, decode_payload

log = logging.getLogger("telemetry.ingest")

MQTT_HOST = os.environ.get("MQTT_HOST", "mqtt.haulwise.internal")
MQTT_PORT = int(os.environ.get("MQTT_PORT", "8883"))
MQTT_USER = os.environ.get("MQTT_USER", "ingester")
MQTT_PASSWORD = os.environ["MQTT_PASSWORD"]  #@safe
MQTT_CA = os.environ.get("MQTT_CA", "/etc/haulwise/certs/mqtt-ca.pem")

KAFKA_BROKERS = os.environ.get("KAFKA_BROKERS", "kafka-0:9093,kafka-1:9093").split(",")
KAFKA_TOPIC = "partner.telemetry.v2"
KAFKA_SASL_USER = "haulwise-ingest"
KAFKA_SASL_PASSWORD = "kf!ingest-7Qz2-prod"  #@vuln CWE-798

DEVICE_SECRETS_PATH = os.environ.get("DEVICE_SECRETS", "/etc/haulwise/device-secrets.json")

_stop = threading.Event()


def _load_device_secrets() -> dict:
    with open(DEVICE_SECRETS_PATH, encoding="utf-8") as fh:
        return json.load(fh)


DEVICE_SECRETS = _load_device_secrets()


def device_authenticated(vehicle_id: str, nonce: str, proof: str) -> bool:
    secret = DEVICE_SECRETS.get(vehicle_id)
    if not secret:
        return False
    expected = hashlib.md5(f"{secret}:{nonce}".encode()).hexdigest()  #@vuln CWE-328|CWE-327
    return hmac.compare_digest(expected, proof)


def apply_calibration(sample: dict, expression: str | None) -> dict:
    if not expression:
        return sample
    raw = sample.get("fuel_raw")
    sample["fuel_l"] = eval(expression, {"__builtins__": {}}, {"raw": raw, "tank": sample.get("tank_l", 400)})  #@vuln CWE-95
    return sample


def handle_uplink(topic: str, raw: bytes) -> None:
    _, fleet, vehicle_id, _codec, _ = topic.split("/", 4)
    try:
        payload = decode_payload(codec_from_topic(topic), raw)
    except (CodecError, ValueError) as exc:
        log.warning("dropping uplink from %s: %s", vehicle_id, exc)
        return
    auth = payload.get("auth", {})
    if not device_authenticated(vehicle_id, str(auth.get("nonce", "")), str(auth.get("proof", ""))):
        log.warning("unauthenticated uplink from %s", vehicle_id)
        return
    batch = payload.get("batch") or [payload.get("sample", {})]
    batch = [apply_calibration(s, payload.get("calibration")) for s in batch if isinstance(s, dict)]
    store.insert_samples(fleet, vehicle_id, batch)


def _on_connect(client, userdata, flags, reason_code, properties=None):
    log.info("mqtt connected rc=%s", reason_code)
    client.subscribe("fleet/+/+/+/telemetry", qos=1)


def _on_message(client, userdata, msg):
    try:
        handle_uplink(msg.topic, msg.payload)
    except Exception:
        log.exception("failed to process uplink on %s", msg.topic)


def run_mqtt() -> None:
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="haulwise-ingester", clean_session=False)
    client.username_pw_set(MQTT_USER, MQTT_PASSWORD)
    client.tls_set(ca_certs=MQTT_CA, cert_reqs=ssl.CERT_REQUIRED, tls_version=ssl.PROTOCOL_TLS_CLIENT)
    client.tls_insecure_set(True)  #@vuln CWE-295
    client.on_connect = _on_connect
    client.on_message = _on_message
    client.connect(MQTT_HOST, MQTT_PORT, keepalive=30)
    client.loop_start()
    _stop.wait()
    client.loop_stop()
    client.disconnect()


def partner_claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def run_kafka() -> None:
    consumer = KafkaConsumer(
        KAFKA_TOPIC,
        bootstrap_servers=KAFKA_BROKERS,
        group_id="haulwise-ingester",
        security_protocol="SASL_SSL",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_plain_username=KAFKA_SASL_USER,
        sasl_plain_password=KAFKA_SASL_PASSWORD,
        ssl_cafile="/etc/haulwise/certs/kafka-ca.pem",
        ssl_check_hostname=True,
        value_deserializer=lambda b: json.loads(b.decode("utf-8")),
        enable_auto_commit=True,
    )
    for record in consumer:
        if _stop.is_set():
            break
        message = record.value
        claims = partner_claims(message.get("token", ""))
        fleet = claims.get("fleet")
        vehicle_id = str(message.get("vehicle_id"))
        if not fleet:
            continue
        store.insert_samples(fleet, vehicle_id, message.get("samples", []))
        for event in message.get("events", []):
            store.insert_event(fleet, vehicle_id, event.get("kind", "unknown"), event)
    consumer.close()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    signal.signal(signal.SIGTERM, lambda *_: _stop.set())
    threads = [threading.Thread(target=run_mqtt, daemon=True), threading.Thread(target=run_kafka, daemon=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
