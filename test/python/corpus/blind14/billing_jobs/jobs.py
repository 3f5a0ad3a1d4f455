import os
import subprocess
import xml.sax
from urllib.parse import urlparse

import dramatiq
import httpx
import requests
from dramatiq.brokers.redis import RedisBroker
from redis import Redis
from rq import Queue

from .models import Customer
from .settings import RATE_HOSTS, REDIS_URL, STATEMENT_DIR

dramatiq.set_broker(RedisBroker(url=REDIS_URL))
rq_queue = Queue("billing", connection=Redis.from_url(REDIS_URL))


@dramatiq.actor(max_retries=3, time_limit=120_000)
def generate_statement(account_id: int, template_name: str) -> None:
    out_path = f"/tmp/statement_{account_id}.pdf"  #@vuln CWE-377
    subprocess.run(f"wkhtmltopdf {STATEMENT_DIR}/{template_name}.html {out_path}", shell=True, check=True)  #@vuln CWE-78
    os.replace(out_path, os.path.join(STATEMENT_DIR, "out", f"{account_id}.pdf"))


def notify_customer(customer_id: int, payload: dict) -> int:
    customer = Customer.get_by_id(customer_id)
    resp = requests.post(customer.callback_url, json=payload, timeout=5)  #@vuln CWE-918
    return resp.status_code


def sync_exchange_rates(source_url: str) -> dict:
    parsed = urlparse(source_url)
    if parsed.scheme != "https" or parsed.hostname not in RATE_HOSTS:
        raise ValueError(f"untrusted rate source {parsed.hostname}")
    resp = httpx.get(source_url, timeout=10, follow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.json()


class StatementHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.entries = []

    def startElement(self, name, attrs):
        if name == "entry":
            self.entries.append(dict(attrs))


def import_bank_statement(path: str) -> list[dict]:
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)  #@vuln CWE-611
    handler = StatementHandler()
    parser.setContentHandler(handler)
    parser.parse(path)
    return handler.entries


def enqueue_notifications(customer_ids: list[int], event: str) -> list[str]:
    jobs = [rq_queue.enqueue(notify_customer, cid, {"event": event}) for cid in customer_ids]
    return [j.id for j in jobs]
