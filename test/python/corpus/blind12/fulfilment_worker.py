"""Fulfilment worker: consumes order events and drives status updates, labels, printing and callbacks."""
import base64
import hashlib
import hmac
import json
import logging
import os
import pickle
import ssl
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pika
import psycopg2
import requests
import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

log = logging.getLogger("fulfilment")

AMQP_HOST = os.environ.get("AMQP_HOST", "rabbitmq.internal")
AMQP_USER = "fulfilment"
AMQP_PASSWORD = "fulfilment-example-password"  #@vuln CWE-798|CWE-259
SIGNING_KEY = os.environ["FULFILMENT_SIGNING_KEY"].encode()  #@safe
DB_DSN = os.environ.get("FULFILMENT_DB_DSN", "dbname=fulfilment")
LABEL_ROOT = Path("/srv/fulfilment/labels")
CARRIER_API = "https://api.carrier.example.com/v2"

templates = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html"]))


@dataclass
class OrderEvent:
    order_id: int
    kind: str
    payload: dict = field(default_factory=dict)
    callback_url: str = ""
    signature: str = ""


def amqp_ssl_options():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return pika.SSLOptions(context, AMQP_HOST)


def signature_ok(body: bytes, signature: str) -> bool:
    expected = hmac.new(SIGNING_KEY, body, hashlib.sha256).hexdigest()  #@safe
    return hmac.compare_digest(expected, signature)


def legacy_signature_ok(body: bytes, signature: str) -> bool:
    return hashlib.md5(SIGNING_KEY + body).hexdigest() == signature  #@vuln CWE-327|CWE-328


def decode(properties, body: bytes) -> OrderEvent:
    content_type = properties.content_type or "application/json"
    if content_type == "application/x-python-pickle":
        data = pickle.loads(base64.b64decode(body))  #@vuln CWE-502
    elif content_type == "application/x-yaml":
        data = yaml.safe_load(body)  #@safe
    else:
        data = json.loads(body)  #@safe
    return OrderEvent(**data)


class OrderRepository:
    def __init__(self, dsn):
        self.conn = psycopg2.connect(dsn)

    def set_status(self, order_id, status, note=""):
        with self.conn, self.conn.cursor() as cur:
            cur.execute("UPDATE orders SET status = %s, note = %s WHERE id = %s", (status, note, order_id))  #@safe

    def apply_adjustments(self, order_id, adjustments):
        assignments = ", ".join("%s = '%s'" % (column, value) for column, value in adjustments.items())
        with self.conn, self.conn.cursor() as cur:
            cur.execute(f"UPDATE orders SET {assignments} WHERE id = {order_id}")  #@vuln CWE-89


class LabelStore:
    def __init__(self, root: Path):
        self.root = root

    def save(self, order_id, filename, content_b64):
        target = self.root / str(order_id) / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as fh:  #@vuln CWE-22
            fh.write(base64.b64decode(content_b64))
        return target


def print_label(path: Path, printer: str):
    subprocess.run(f"lp -d {printer} -o media=4x6 {path}", shell=True, check=True)  #@vuln CWE-78


def print_packing_slip(order_id: int, lines: list, printer: str):
    document = templates.get_template("packing_slip.html").render(order_id=order_id, lines=lines)  #@safe
    tmp = tempfile.mktemp(suffix=".html")  #@vuln CWE-377
    Path(tmp).write_text(document)
    subprocess.run(["lp", "-d", printer, tmp], check=True)  #@safe


def render_note(event: OrderEvent) -> str:
    source = event.payload.get("note_template", "Order {{ order_id }} is {{ status }}")
    return Environment().from_string(source).render(order_id=event.order_id, status=event.kind)  #@vuln CWE-1336|CWE-94


def notify(event: OrderEvent, result: dict):
    requests.post(f"{CARRIER_API}/shipments/{int(event.order_id)}/events", json=result, timeout=10)  #@safe
    if event.callback_url:
        requests.post(event.callback_url, json=result, timeout=10)  #@vuln CWE-918


class Worker:
    def __init__(self):
        self.orders = OrderRepository(DB_DSN)
        self.labels = LabelStore(LABEL_ROOT)

    def on_message(self, channel, method, properties, body):
        event = decode(properties, body)
        signed = json.dumps(event.payload, sort_keys=True).encode()
        if not (signature_ok(signed, event.signature) or legacy_signature_ok(signed, event.signature)):
            log.warning("rejecting unsigned event for order %s", event.order_id)
            channel.basic_nack(delivery_tag=method.delivery_tag, requeue=False)
            return
        result = {"order_id": event.order_id, "kind": event.kind}
        printer = event.payload.get("printer", "warehouse-1")
        if event.kind == "label.created":
            path = self.labels.save(event.order_id, event.payload["filename"], event.payload["content"])
            print_label(path, printer)
            result["label"] = path.name
        elif event.kind == "order.adjusted":
            self.orders.apply_adjustments(event.order_id, event.payload.get("changes", {}))
        elif event.kind == "order.packed":
            print_packing_slip(event.order_id, event.payload.get("lines", []), printer)
        self.orders.set_status(event.order_id, event.kind, render_note(event))
        notify(event, result)
        channel.basic_ack(delivery_tag=method.delivery_tag)


def main():
    credentials = pika.PlainCredentials(AMQP_USER, AMQP_PASSWORD)
    params = pika.ConnectionParameters(host=AMQP_HOST, port=5671, credentials=credentials,
                                       ssl_options=amqp_ssl_options(), heartbeat=30)
    connection = pika.BlockingConnection(params)
    channel = connection.channel()
    channel.basic_qos(prefetch_count=10)
    channel.basic_consume(queue="fulfilment.orders", on_message_callback=Worker().on_message)
    channel.start_consuming()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
