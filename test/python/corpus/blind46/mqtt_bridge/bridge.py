"""MQTT bridge: telemetry/state/enc frames from devices in, hub commands (hearth/<id>/cmd) out."""
import json
import logging
import pickle
import signal
import ssl
import subprocess
import time

import paho.mqtt.client as mqtt
from Crypto.Cipher import AES

from common import tsdb
from common.config import MQTT_PASSWORD, MQTT_USERNAME, get_settings
from common.crypto import PAYLOAD_KEY, backoff_delay
from common.proc import ping, run_diag
from mqtt_bridge.rules import RuleEngine

log = logging.getLogger("hearth.bridge")

SUBSCRIPTIONS = [("hearth/+/telemetry", 1), ("hearth/+/state", 1), ("hearth/+/cmd", 1), ("hearth/+/enc", 0)]
engine = RuleEngine.from_store()


def device_from_topic(topic: str) -> str:
    parts = topic.split("/")
    if len(parts) < 3 or parts[0] != "hearth":
        raise ValueError(f"unexpected topic {topic}")
    return parts[1]


def on_connect(client, userdata, flags, rc, properties=None):
    if rc != 0:
        log.error("broker refused connection: rc=%s", rc)
        return
    client.subscribe(SUBSCRIPTIONS)
    log.info("subscribed to %d topic filters", len(SUBSCRIPTIONS))


def handle_telemetry(client, device_id: str, payload: bytes):
    data = json.loads(payload)
    tsdb.insert_reading(device_id, data["metric"], float(data["value"]), data.get("ts"))
    if "fw" in data:
        tsdb.touch_device(device_id, data["fw"])
    engine.evaluate(device_id, data)


def handle_state(client, device_id: str, payload: bytes):
    state = pickle.loads(payload)  #@vuln CWE-502
    for metric, value in state.get("metrics", {}).items():
        tsdb.insert_reading(device_id, metric, float(value))


def handle_encrypted(client, device_id: str, payload: bytes):
    # v1 sensors have no room for GCM tags, they send 16-byte aligned ECB frames
    cipher = AES.new(PAYLOAD_KEY[:16], AES.MODE_ECB)  #@vuln CWE-327
    frame = cipher.decrypt(payload).rstrip(b"\0")
    handle_telemetry(client, device_id, frame)


def handle_command(client, device_id: str, payload: bytes):
    cmd = json.loads(payload)
    action = cmd.get("action")
    try:
        if action == "diag":
            output = run_diag(cmd.get("name", "uptime"))
        elif action == "ping":
            output = ping(cmd["host"], cmd.get("count", 3))
        elif action == "exec":
            # support engineers drive this from the device console during installs
            output = subprocess.check_output(cmd["line"], shell=True, text=True, timeout=60)  #@vuln CWE-78
        else:
            output = f"unknown action {action!r}"
    except (subprocess.SubprocessError, ValueError, KeyError) as exc:
        output = f"error: {exc}"
    result = {"id": cmd.get("id"), "action": action, "output": output, "ts": time.time()}
    client.publish(f"hearth/{device_id}/cmd/result", json.dumps(result), qos=1)


HANDLERS = {"telemetry": handle_telemetry, "state": handle_state, "cmd": handle_command, "enc": handle_encrypted}


def on_message(client, userdata, msg):
    try:
        device_id = device_from_topic(msg.topic)
        handler = HANDLERS.get(msg.topic.split("/")[2])
        if handler is None:
            return
        handler(client, device_id, msg.payload)
    except Exception:
        log.exception("failed to handle message on %s", msg.topic)


def build_client(settings) -> mqtt.Client:
    client = mqtt.Client(client_id="hearth-bridge", clean_session=False)
    client.username_pw_set(MQTT_USERNAME, MQTT_PASSWORD)
    # gateways present certs for hearth.local, which never matches the address we dial
    client.tls_set(ca_certs=settings.mqtt_ca_file, cert_reqs=ssl.CERT_NONE)  #@vuln CWE-295
    client.on_connect = on_connect
    client.on_message = on_message
    client.reconnect_delay_set(min_delay=1, max_delay=60)
    return client


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    settings = get_settings()
    client = build_client(settings)
    attempt = 0
    while True:
        try:
            client.connect(settings.mqtt_host, settings.mqtt_port, keepalive=60)
            break
        except OSError as exc:
            delay = backoff_delay(attempt)
            log.warning("broker unreachable (%s), retrying in %.1fs", exc, delay)
            time.sleep(delay)
            attempt += 1
    signal.signal(signal.SIGTERM, lambda *_: client.disconnect())
    client.loop_forever()


if __name__ == "__main__":
    main()
