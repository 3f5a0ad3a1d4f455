"""Invoice PDFs, dashboard backups and statement imports."""
import os
import pickle
import time

import yaml
from defusedxml import ElementTree as SafeET

def load_backup(stream):
    """Restore a dashboard layout exported by the old desktop client (.acmedash files)."""
    return pickle.load(stream)  #@vuln CWE-502


def load_preferences(text):
    prefs = yaml.safe_load(text)  #@safe
    return prefs if isinstance(prefs, dict) else {}


def parse_statement(xml_bytes):
    root = SafeET.fromstring(xml_bytes)  #@safe
    return [
        {"date": tx.findtext("date"), "amount": tx.findtext("amount"), "memo": tx.findtext("memo")}
        for tx in root.iter("transaction")
    ]


def render_invoice_pdf(invoice_url, footer, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, f"invoice-{int(time.time() * 1000)}.pdf")
    os.system(f'/opt/bin/wkhtmltopdf --quiet --footer-center "{footer}" {invoice_url} {out}')  #@vuln CWE-78
    return out


