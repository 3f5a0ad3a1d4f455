"""MQTT consumer for clinic devices.

Topics look like ``clinics/<clinic>/devices/<device_id>/<kind>``.  Modern
gateways publish JSON; the anaesthesia monitors on the old firmware publish
a compact binary frame.
"""
import json
import logging
import marshal
import math
import os
import signal
import ssl
import subprocess

import paho.mqtt.client as mqtt

from vet_workers.telemetry_store import TelemetryStore
from vetnet_common.config import settings

log = logging.getLogger("device_feed")

TOPIC = "clinics/+/devices/+/+"
LEGACY_TOPIC = "legacy/monitors/#"

store = TelemetryStore()


def _parse_topic(topic):
    parts = topic.split("/")
    return {"clinic": parts[1], "device_id": parts[3], "kind": parts[4]}


def _apply_calibration(values, calibration):
    """Calibration offsets are pushed by the device as a small expression."""
    raw = values.get("raw")
    if raw is None or not calibration:
        return values
    values["calibrated"] = eval(calibration, {"math": math, "__builtins__": {}}, {"x": float(raw)})  #@vuln CWE-95
    return values


def _append_device_log(device_id, line):
    path = os.path.join(str(settings.DEVICE_LOG_ROOT), device_id + ".log")
    with open(path, "a", encoding="utf-8") as handle:  #@vuln CWE-22
        handle.write(line.rstrip() + "\n")


def _gateway_diagnostics(payload):
    host = payload.get("gateway_ip", "")
    result = subprocess.run("ping -c 3 -W 2 " + host, shell=True, capture_output=True, text=True)  #@vuln CWE-78
    return result.stdout


def _restart_local_bridge():
    subprocess.run(["systemctl", "restart", "vetnet-mqtt-bridge.service"], check=True, timeout=30)  #@safe


def handle_json(topic_info, payload):
    values = payload.get("values", {})
    values = _apply_calibration(values, payload.get("calibration"))
    store.record(topic_info["device_id"], topic_info["clinic"], topic_info["kind"], values)
    if topic_info["kind"] == "fridge" and "alert_threshold" in payload:
        breaches = store.fridge_breaches(topic_info["clinic"], payload["alert_threshold"])
        if breaches:
            store.raise_alert(topic_info["device_id"], topic_info["clinic"], "warning", f"{len(breaches)} readings out of range")
    if payload.get("log"):
        _append_device_log(topic_info["device_id"], payload["log"])
    if payload.get("diagnose"):
        log.info("diagnostics for %s: %s", topic_info["device_id"], _gateway_diagnostics(payload))


def on_connect(client, userdata, flags, reason_code, properties=None):
    log.info("connected to broker: %s", reason_code)
    client.subscribe(TOPIC, qos=1)


def on_message(client, userdata, msg):
    try:
        info = _parse_topic(msg.topic)
        handle_json(info, json.loads(msg.payload.decode("utf-8")))
    except (IndexError, ValueError, KeyError):
        log.exception("bad message on %s", msg.topic)


def on_legacy_message(client, userdata, msg):
    frame = marshal.loads(msg.payload)  #@vuln CWE-502
    device_id = str(frame.get("id", "unknown"))
    store.record(device_id, frame.get("clinic", "legacy"), "anaesthesia", frame.get("values", {}))


def build_client():
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"vetnet-feed-{os.getpid()}")
    client.username_pw_set(settings.MQTT_USERNAME, settings.MQTT_PASSWORD)
    client.tls_set(ca_certs=settings.CA_BUNDLE, cert_reqs=ssl.CERT_REQUIRED)  #@safe
    client.on_connect = on_connect
    client.on_message = on_message
    return client


def build_legacy_client():
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="vetnet-legacy-monitors")
    client.username_pw_set("monitor-bridge", "m0nitor-bridge-2019")  #@vuln CWE-798
    client.tls_set(cert_reqs=ssl.CERT_NONE)  #@vuln CWE-295
    client.on_connect = lambda c, u, f, rc, p=None: c.subscribe(LEGACY_TOPIC, qos=0)
    client.on_message = on_legacy_message
    return client


def main():
    logging.basicConfig(level=logging.INFO)
    client = build_client()
    legacy = build_legacy_client()
    client.connect(settings.MQTT_HOST, settings.MQTT_PORT, keepalive=60)
    legacy.connect(settings.MQTT_HOST, 8884, keepalive=60)
    legacy.loop_start()
    signal.signal(signal.SIGTERM, lambda *_: client.disconnect())
    try:
        client.loop_forever()
    finally:
        legacy.loop_stop()


if __name__ == "__main__":
    main()
