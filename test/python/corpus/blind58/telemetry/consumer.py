"""Kafka consumer for aircraft telemetry (ACARS/QAR frames) and ground commands."""
import json
import logging
import pickle
import re
import signal
import ssl
import subprocess
import tempfile

from kafka import KafkaConsumer

from hangar_common import settings
from telemetry import sinks
from telemetry.rules import RuleBook

log = logging.getLogger("telemetry.consumer")

FRAME_TOPIC = "telemetry.frames"
COMMAND_TOPIC = "telemetry.commands"
RULE_TOPIC = "telemetry.rules"

SASL_USERNAME = "tlm-ingest"
SASL_PASSWORD = "tlm-ingest-2024!"  #@vuln CWE-798
TAIL_RE = re.compile(r"^[A-Z0-9-]{3,8}$")

_running = True


def _stop(*_):
    global _running
    _running = False


def _ssl_context() -> ssl.SSLContext:
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def build_consumer() -> KafkaConsumer:
    return KafkaConsumer(
        FRAME_TOPIC,
        COMMAND_TOPIC,
        RULE_TOPIC,
        bootstrap_servers=settings.KAFKA_BOOTSTRAP,
        group_id="telemetry-ingest",
        security_protocol="SASL_SSL",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_plain_username=SASL_USERNAME,
        sasl_plain_password=SASL_PASSWORD,
        ssl_context=_ssl_context(),
        enable_auto_commit=False,
        max_poll_records=200,
    )


def decode_payload(message) -> dict:
    headers = {k: v.decode("utf-8", "replace") for k, v in (message.headers or [])}
    content_type = headers.get("content-type", "application/json")
    if content_type == "application/x-python-pickle":
        return pickle.loads(message.value)  #@vuln CWE-502
    return json.loads(message.value)


def spool_raw(frame_bytes: bytes) -> str:
    path = tempfile.mktemp(prefix="qar-", suffix=".bin", dir=settings.TELEMETRY_SPOOL_DIR)  #@vuln CWE-377
    with open(path, "wb") as fh:
        fh.write(frame_bytes)
    return path


def handle_frame(frame: dict, rulebook: RuleBook) -> None:
    derived = rulebook.derived_parameters(frame)
    frame.setdefault("params", {}).update(derived)
    alerts = rulebook.evaluate(frame)
    sinks.store_frame(frame, alerts)
    if alerts:
        log.warning("tail %s raised %s", frame.get("tail"), ", ".join(alerts))


def handle_command(cmd: dict) -> None:
    action = cmd.get("action")
    tail = str(cmd.get("tail", ""))
    if action == "reprocess":
        since = cmd.get("since", "24h")
        subprocess.run(f"fdr-decode --tail {tail} --since {since} --reprocess", shell=True, check=True)  #@vuln CWE-78
    elif action == "export-qar":
        if not TAIL_RE.match(tail):
            log.error("rejecting export for tail %r", tail)
            return
        subprocess.run(["qar-export", "--tail", tail, "--out", str(settings.TELEMETRY_RAW_DIR)], check=True)  #@safe
    elif action == "exceedances":
        hits = sinks.find_exceedances(tail, cmd["parameter"], cmd["limit"])
        log.info("%d exceedances of %s for %s", len(hits), cmd["parameter"], tail)
    elif action == "aircraft":
        aircraft = sinks.lookup_aircraft(cmd.get("registration"))
        log.info("aircraft lookup: %s", aircraft and aircraft.get("msn"))
    else:
        log.warning("unknown command %r", action)


def run() -> None:
    signal.signal(signal.SIGTERM, _stop)
    rulebook = RuleBook.from_file(settings.TELEMETRY_RULES_FILE)
    consumer = build_consumer()
    log.info("telemetry consumer started")
    while _running:
        batches = consumer.poll(timeout_ms=1000)
        for tp, messages in batches.items():
            for message in messages:
                try:
                    if tp.topic == FRAME_TOPIC:
                        if message.key and message.key.startswith(b"raw:"):
                            spool_raw(message.value)
                            continue
                        handle_frame(decode_payload(message), rulebook)
                    elif tp.topic == COMMAND_TOPIC:
                        handle_command(decode_payload(message))
                    elif tp.topic == RULE_TOPIC:
                        rulebook.register(decode_payload(message))
                except Exception:
                    log.exception("failed to process %s@%d", tp.topic, message.offset)
        consumer.commit()
    consumer.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    run()
