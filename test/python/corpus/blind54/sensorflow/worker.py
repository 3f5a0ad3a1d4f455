"""MQTT ingestion worker for soil-moisture, weather and tank-level sensors.

Topics: farms/<farm_id>/sensors/<device_id>/data   JSON frames
        farms/<farm_id>/sensors/<device_id>/bin    compact frames from older LoRa nodes
        farms/<farm_id>/devices/<device_id>/config device registration / calibration
"""
import hmac
import json
import logging
import marshal
import os
import re
import shelve
import signal
import ssl

import paho.mqtt.client as mqtt
import yaml

from agrocore.config import MqttConfig
from agrocore.crypto import sign_device_payload
from sensorflow import store

log = logging.getLogger("sensorflow.worker")
STATE_DIR = os.environ.get("SENSOR_STATE_DIR", "/var/lib/agrisense/sensor-state")
DEVICE_SECRETS = json.loads(os.environ.get("SENSOR_DEVICE_SECRETS", "{}"))
TOPIC_RE = re.compile(r"^farms/(?P<farm>\d+)/(?P<kind>sensors|devices)/(?P<device>[^/]+)/(?P<channel>data|bin|config)$")


def apply_calibration(profile, raw_value):
    expression = profile.get("calibration")
    if not expression:
        return raw_value
    return eval(expression, {"__builtins__": {}}, {"x": raw_value})  #@vuln CWE-95


def check_alert_rules(device_id, profile, values):
    for rule in profile.get("alert_rules", []):
        observed = str(values.get(rule.get("metric"), ""))
        if re.search(rule.get("pattern", "$^"), observed):  #@vuln CWE-1333
            store.record_alert(device_id, rule.get("name", "unnamed"), observed)


def remember_last_seen(node_id, values):
    with shelve.open(os.path.join(STATE_DIR, str(node_id))) as state:  #@vuln CWE-22
        state["last_values"] = values
        state["frames"] = state.get("frames", 0) + 1


def signature_ok(device_id, body, signature):
    secret = DEVICE_SECRETS.get(device_id)
    if not secret:
        return False
    return hmac.compare_digest(sign_device_payload(secret, body), signature or "")


def handle_data(farm_id, device_id, payload):
    frame = json.loads(payload)
    body = json.dumps(frame.get("values", {}), sort_keys=True).encode()
    if not signature_ok(device_id, body, frame.get("sig")):
        log.warning("bad signature from %s", device_id)
        return
    profile = store.device_profile(device_id)
    values = {k: apply_calibration(profile, v) for k, v in frame.get("values", {}).items()}
    store.save_reading(device_id, farm_id, values)
    check_alert_rules(device_id, profile, values)
    remember_last_seen(frame.get("node_id", device_id), values)


def handle_bin(farm_id, device_id, payload):
    values = marshal.loads(payload)  #@vuln CWE-502
    if not isinstance(values, dict):
        log.warning("discarding compact frame from %s", device_id)
        return
    profile = store.device_profile(device_id)
    store.save_reading(device_id, farm_id, {k: apply_calibration(profile, v) for k, v in values.items()})


def handle_config(farm_id, device_id, payload):
    meta = yaml.safe_load(payload) or {}  #@safe
    if not isinstance(meta, dict):
        return
    store.register_device(device_id, farm_id, meta)
    log.info("device %s registered for farm %s", device_id, farm_id)


HANDLERS = {"data": handle_data, "bin": handle_bin, "config": handle_config}


def on_connect(client, userdata, flags, reason_code, properties=None):
    log.info("connected to %s (%s)", userdata["host"], reason_code)
    for topic in MqttConfig.topics:
        client.subscribe(topic, qos=1)


def on_message(client, userdata, msg):
    match = TOPIC_RE.match(msg.topic)
    if not match:
        return
    try:
        HANDLERS[match["channel"]](int(match["farm"]), match["device"], msg.payload)
    except Exception:
        log.exception("failed to process message on %s", msg.topic)


def build_client(host, client_id):
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, userdata={"host": host})
    client.username_pw_set(MqttConfig.username, MqttConfig.password)
    client.on_connect = on_connect
    client.on_message = on_message
    return client


def main_client():
    client = build_client(MqttConfig.host, "sensorflow-main")
    client.tls_set(ca_certs=MqttConfig.ca_bundle, cert_reqs=ssl.CERT_REQUIRED)  #@safe
    client.connect(MqttConfig.host, MqttConfig.port, keepalive=60)
    return client


def bridge_client():
    """Connection to the co-operative's shared broker for neighbouring farms."""
    client = build_client(MqttConfig.bridge_host, "sensorflow-bridge")
    client.tls_set(cert_reqs=ssl.CERT_NONE)  #@vuln CWE-295
    client.connect(MqttConfig.bridge_host, 8883, keepalive=60)
    return client


def run():
    logging.basicConfig(level=logging.INFO)
    os.makedirs(STATE_DIR, exist_ok=True)
    store.ensure_indexes()
    clients = [main_client()]
    if os.environ.get("SENSOR_ENABLE_BRIDGE") == "1":
        clients.append(bridge_client())
    for c in clients:
        c.loop_start()
    try:
        signal.pause()
    finally:
        for c in clients:
            c.loop_stop()
            c.disconnect()


if __name__ == "__main__":
    run()
