"""Background tasks: webhooks, reports, partner imports, statements, housekeeping."""
import base64
import json
import logging
import os
import pickle
import smtplib
import ssl
import subprocess
import time
import urllib.request
import xml.sax
from email.message import EmailMessage
from xml.sax.handler import ContentHandler, feature_external_ges

import requests
import yaml

from common.crypto import backoff_delay, legacy_encrypt, sign_legacy_webhook, sign_webhook
from common.files import extract_zip, extract_zip_checked, scratch_dir
from common.proc import run_shell, run_tool
from common.templating import render_mail, render_snippet
from jobs.celery_app import celery

log = logging.getLogger(__name__)

EXPORT_DIR = os.environ.get("EXPORT_DIR", "/var/lib/billing/exports")
LEDGER_URL = os.environ.get("LEDGER_URL", "https://ledger.internal.example.com/api/sync")
SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.example.com")
SMTP_USER = "statements@example.com"
PARTNER_BUNDLE_HOSTS = ("https://partners.example.com/", "https://sftp-gw.example.com/")


@celery.task(bind=True, max_retries=6)
def deliver_webhook(self, subscription: dict, event: dict):
    body = json.dumps(event, separators=(",", ":")).encode()
    if subscription.get("legacy_signing"):
        signature = sign_legacy_webhook(body, subscription["secret"].encode())
    else:
        signature = sign_webhook(body, subscription["secret"].encode())
    try:
        resp = requests.post(subscription["target_url"], data=body, headers={"X-Signature": signature, "Content-Type": "application/json"}, timeout=10)  #@vuln CWE-918
        resp.raise_for_status()
    except requests.RequestException as exc:
        raise self.retry(exc=exc, countdown=backoff_delay(self.request.retries))


@celery.task
def generate_report(report_name: str, fmt: str, requested_by: str):
    out = os.path.join(EXPORT_DIR, "reports")
    log.info("report %s requested by %s", report_name, requested_by)
    subprocess.call("reportgen --name '%s' --format %s --out %s" % (report_name, fmt, out), shell=True)  #@vuln CWE-78


@celery.task
def resize_product_image(filename: str, width: int):
    src = f"/srv/catalog/media/incoming/{filename}"
    dst = f"/srv/catalog/media/products/{filename}"
    run_shell(f"convert {src} -resize {int(width)}x {dst}")


@celery.task
def backup_database(db_name: str):
    target = f"/backups/{db_name}-{time.strftime('%Y%m%d')}.dump"
    subprocess.run(["pg_dump", "-Fc", "-f", target, db_name], check=True)  #@safe
    run_tool("gzip", "-f", target)


@celery.task
def import_partner_bundle(bundle_url: str, tenant_id: int):
    workdir = scratch_dir()
    local = os.path.join(workdir, "bundle.zip")
    with requests.get(bundle_url, stream=True, timeout=60) as resp:  #@vuln CWE-918
        resp.raise_for_status()
        with open(local, "wb") as fh:
            for chunk in resp.iter_content(65536):
                fh.write(chunk)
    files = extract_zip(local, os.path.join(workdir, "out"))
    log.info("tenant %s: extracted %d files", tenant_id, len(files))
    return files


@celery.task
def import_signed_bundle(bundle_url: str, tenant_id: int):
    if not bundle_url.startswith(PARTNER_BUNDLE_HOSTS):
        raise ValueError("bundle host not allowed")
    workdir = scratch_dir()
    local = os.path.join(workdir, "bundle.zip")
    resp = requests.get(bundle_url, timeout=60)  #@safe
    with open(local, "wb") as fh:
        fh.write(resp.content)
    extract_zip_checked(local, os.path.join(workdir, "out"))


@celery.task
def export_partner_batch(batch_id: str, rows: list[dict]):
    lines = [legacy_encrypt(json.dumps(r, sort_keys=True)) for r in rows]
    path = os.path.join(EXPORT_DIR, "partner", f"batch-{int(batch_id)}.enc")
    with open(path, "w") as fh:
        fh.write("\n".join(lines))
    return path


class _LedgerHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.entries = []

    def startElement(self, name, attrs):
        if name == "entry":
            self.entries.append(dict(attrs))


@celery.task
def parse_bank_statement(xml_path: str):
    handler = _LedgerHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    parser.setContentHandler(handler)
    parser.parse(xml_path)
    return handler.entries


@celery.task
def sync_ledger():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    with urllib.request.urlopen(LEDGER_URL, context=ctx, timeout=30) as resp:
        return json.load(resp).get("synced", 0)


@celery.task
def restore_job_state(blob: str):
    state = pickle.loads(base64.b64decode(blob))  #@vuln CWE-502
    log.info("restored job %s at step %s", state.get("job_id"), state.get("step"))
    return state.get("job_id")


@celery.task
def apply_pricing_rules(rules_yaml: str):
    rules = yaml.safe_load(rules_yaml)
    return len(rules or [])


@celery.task
def compute_kpi(expression: str, values: dict):
    """Tenant-defined KPI formulas, e.g. 'paid / issued * 100'."""
    return eval(expression, {"__builtins__": {}}, values)  #@vuln CWE-95


@celery.task
def send_statement(customer: dict, tenant: dict):
    intro = render_snippet(tenant.get("statement_intro", ""), customer=customer)
    body = render_mail("statement.html", customer=customer, intro=intro)
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = SMTP_USER, customer["email"], "Your monthly statement"
    msg.set_content(body, subtype="html")
    with smtplib.SMTP_SSL(SMTP_HOST, 465, context=ssl.create_default_context()) as smtp:
        smtp.login(SMTP_USER, "St4tements!mail")  #@vuln CWE-798|CWE-259
        smtp.send_message(msg)


@celery.task
def cleanup_exports(max_age_days: int = 14):
    cutoff = time.time() - max_age_days * 86400
    for name in os.listdir(EXPORT_DIR):
        path = os.path.join(EXPORT_DIR, name)
        if os.path.isfile(path) and os.path.getmtime(path) < cutoff:
            os.remove(path)
