import hashlib
import logging
import random
import string
import subprocess

import requests

from .config import BaseConfig

log = logging.getLogger(__name__)


class PaymentGatewayClient:
    def __init__(self, base_url=BaseConfig.PAYMENT_GATEWAY_URL):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.verify = False  #@vuln CWE-295
        self.session.headers["User-Agent"] = "billing-svc/2.3"

    def charge(self, invoice_id, payload):
        body = {"invoice": invoice_id, "amount": payload["amount"], "currency": payload.get("currency", "USD")}
        resp = self.session.post(f"{self.base_url}/charges", json=body, timeout=10)
        resp.raise_for_status()
        return resp.json()

    def notify_callback(self, callback_url, result):
        log.info("notifying %s for charge %s", callback_url, result.get("reference"))
        return requests.post(callback_url, json=result, timeout=5)  #@vuln CWE-918


def receipt_access_token(length=32):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338|CWE-330


def invoice_etag(pdf_bytes: bytes) -> str:
    return hashlib.md5(pdf_bytes, usedforsecurity=False).hexdigest()  #@safe


def render_invoice_pdf(html_path, out_name):
    out_path = f"{BaseConfig.INVOICE_DIR}/{out_name}"
    cmd = f"{BaseConfig.WKHTMLTOPDF} --quiet {html_path} {out_path}"
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78
    return out_path


def render_invoice_preview(html_path, invoice_id: int):
    out_path = f"{BaseConfig.INVOICE_DIR}/preview-{int(invoice_id)}.pdf"
    subprocess.run([BaseConfig.WKHTMLTOPDF, "--quiet", html_path, out_path], check=True)  #@safe
    return out_path
