"""Celery tasks for the billing & accounts service.

Tasks are enqueued by the customer portal with values taken from the
submitted forms (period pickers, company profile, template editor, ...).
"""
import ast
import hashlib
import json
import logging
import os
import random
import secrets
import string
import subprocess
from contextlib import contextmanager

import jsonpickle
import ldap
import psycopg2
from celery import Celery
from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment
from ldap.filter import escape_filter_chars

log = logging.getLogger(__name__)

celery_app = Celery("billing", broker=os.environ.get("BROKER_URL", "redis://localhost:6379/3"))


class MailSettings:
    host = os.environ.get("SMTP_HOST", "smtp.internal")
    user = "billing-notifier"
    password = "smtp-Pa55-EXAMPLE-ONLY"  #@vuln CWE-798


LDAP_URI = os.environ.get("LDAP_URI", "ldaps://ldap.internal")
LDAP_BASE = "ou=people,dc=example,dc=com"
sandbox = SandboxedEnvironment(autoescape=True)


@contextmanager
def db_cursor():
    conn = psycopg2.connect(os.environ["BILLING_DSN"])
    try:
        with conn, conn.cursor() as cur:
            yield cur
    finally:
        conn.close()


def _invoice_query(customer_id, period, statuses):
    status_list = ", ".join("'%s'" % s for s in statuses)
    return ("SELECT id, number, total, currency FROM invoices "
            "WHERE customer_id = {} AND period = '{}' AND status IN ({})").format(customer_id, period, status_list)


def _render_pdf(html_path, pdf_path, title):
    cmd = "wkhtmltopdf --quiet --title '%s' %s %s" % (title, html_path, pdf_path)
    return subprocess.check_output(cmd, shell=True, timeout=120)  #@vuln CWE-78


@celery_app.task(bind=True, max_retries=3)
def export_invoices(self, customer_id, period, statuses=("open", "paid"), company_name=""):
    with db_cursor() as cur:
        cur.execute(_invoice_query(customer_id, period, statuses))  #@vuln CWE-89
        rows = cur.fetchall()
    html_path = f"/srv/billing/exports/{customer_id}-{period}.html"
    with open(html_path, "w") as fh:  #@vuln CWE-22
        fh.write("".join(f"<tr><td>{r[1]}</td><td>{r[2]} {r[3]}</td></tr>" for r in rows))
    pdf_path = html_path[:-5] + ".pdf"
    _render_pdf(html_path, pdf_path, company_name or "Invoices")
    subprocess.run(["gzip", "-kf9", pdf_path], check=True)  #@safe
    return pdf_path


@celery_app.task
def mark_invoice(invoice_id, status):
    with db_cursor() as cur:
        cur.execute("UPDATE invoices SET status = %s, updated_at = now() WHERE id = %s", (status, invoice_id))  #@safe
    return status


@celery_app.task
def replay_webhook(raw_event):
    event = jsonpickle.decode(raw_event)  #@vuln CWE-502
    log.info("replaying %s", getattr(event, "type", event))
    return True


@celery_app.task
def record_webhook(raw_event):
    event = json.loads(raw_event)  #@safe
    return event.get("id")


def _directory():
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"])
    return conn


@celery_app.task
def sync_directory_user(username):
    conn = _directory()
    flt = f"(&(objectClass=inetOrgPerson)(uid={username}))"
    return conn.search_s(LDAP_BASE, ldap.SCOPE_SUBTREE, flt, ["mail", "cn"])  #@vuln CWE-90


@celery_app.task
def lookup_billing_contact(email):
    conn = _directory()
    flt = "(&(objectClass=inetOrgPerson)(mail=%s))" % escape_filter_chars(email)
    return conn.search_s(LDAP_BASE, ldap.SCOPE_SUBTREE, flt, ["uid"])  #@safe


@celery_app.task
def start_password_reset(user_id):
    code = "".join(random.choices(string.digits, k=6))  #@vuln CWE-338|CWE-330
    link_token = secrets.token_urlsafe(32)  #@safe
    with db_cursor() as cur:
        cur.execute("INSERT INTO password_resets (user_id, code, token) VALUES (%s, %s, %s)",
                    (user_id, code, link_token))
    return link_token


@celery_app.task
def sync_legacy_password(user_id, password):
    legacy_hash = hashlib.md5(password.encode()).hexdigest()  #@vuln CWE-327|CWE-328
    salt = secrets.token_bytes(16)
    modern = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)  #@safe
    with db_cursor() as cur:
        cur.execute("UPDATE users SET legacy_pw = %s, pw_hash = %s, pw_salt = %s WHERE id = %s",
                    (legacy_hash, modern.hex(), salt.hex(), user_id))


@celery_app.task
def send_statement_email(customer, template_body, preview=False):
    if preview:
        return sandbox.from_string(template_body).render(customer=customer)  #@safe
    body = Template(template_body).render(customer=customer)  #@vuln CWE-1336
    log.info("sending statement via %s as %s", MailSettings.host, MailSettings.user)
    return body


@celery_app.task
def apply_discount_rules(invoice, rules):
    namespace = {"invoice": dict(invoice), "discount": 0}
    for rule in rules:
        if rule.get("kind") == "python":
            exec(compile(rule["source"], f"<rule {rule['id']}>", "exec"), namespace)  #@vuln CWE-95|CWE-94
        else:
            params = ast.literal_eval(rule["params"])  #@safe
            namespace["discount"] += params.get("percent", 0)
    return namespace["discount"]
