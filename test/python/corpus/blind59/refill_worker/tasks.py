"""Background jobs: refill reminders, partner refill relay, formulary sync, exports."""
import logging
import random
import time
from collections import defaultdict
from datetime import date, timedelta

import boto3
import jsonpickle
import requests

from refill_worker import messaging
from refill_worker.celery_app import app
from rxcommon import security, storage
from rxcommon.db import dict_cursor, fetch_all

log = logging.getLogger(__name__)

EXPORT_BUCKET = "rxbridge-reports"
PORTAL_URL = "https://portal.rxbridge.health"


@app.task
def send_refill_reminders():
    today = date.today()
    rows = fetch_all(
        "SELECT rx.patient_id, rx.id AS rx_id FROM prescriptions rx "
        "WHERE rx.status = 'active' AND rx.next_fill_date BETWEEN %s AND %s",
        (today, today + timedelta(days=3)),
    )
    by_patient = defaultdict(list)
    for row in rows:
        by_patient[row["patient_id"]].append(row["rx_id"])
    for patient_id in by_patient:
        # spread the SMS burst out over ten minutes
        delay = random.randint(0, 600)  #@safe
        send_patient_reminder.apply_async(args=[patient_id], countdown=delay)
    return len(by_patient)


@app.task(bind=True, max_retries=3, default_retry_delay=120)
def send_patient_reminder(self, patient_id):
    with dict_cursor() as cur:
        cur.execute(
            "SELECT id, first_name, email, phone, preferred_store, reminder_note FROM patients WHERE id = %s",
            (patient_id,),
        )
        patient = cur.fetchone()
        if patient is None:
            return None
        cur.execute("SELECT name, phone, hours FROM stores WHERE code = '%s'" % patient["preferred_store"])  #@vuln CWE-89
        store = cur.fetchone() or {"name": "RxBridge Mail Order", "phone": "1-800-555-0142"}
        cur.execute(
            "SELECT id, drug_name, next_fill_date FROM prescriptions WHERE patient_id = %s AND status = 'active'",
            (patient_id,),
        )
        prescriptions = cur.fetchall()

        pin = security.generate_refill_pin()
        cur.execute(
            "INSERT INTO refill_pins (patient_id, pin, expires_at) VALUES (%s, %s, now() + interval '3 days')",
            (patient_id, pin),
        )

    sms = messaging.render_custom_reminder(patient)
    sms += f" Call {store['phone']} and enter PIN {pin} to refill."
    try:
        messaging.send_sms(patient["phone"], sms)
    except requests.RequestException as exc:
        raise self.retry(exc=exc)

    expires = int(time.time()) + 72 * 3600
    links = {rx["id"]: security.sign_refill_link(rx["id"], patient_id, expires) for rx in prescriptions}
    html = messaging.render_reminder_email(patient, prescriptions, f"{PORTAL_URL}/refill?t={links[prescriptions[0]['id']]}")
    messaging.send_email(patient["email"], "Your prescription is ready to refill", html)
    return patient_id


@app.task
def send_password_reset_sms(patient_id, code):
    row = fetch_all("SELECT phone FROM patients WHERE id = %s", (patient_id,))
    if row:
        messaging.send_sms(row[0]["phone"], f"Your RxBridge reset code is {code}. It expires in 15 minutes.")


@app.task
def process_partner_refill(payload):
    """Refill requests relayed from partner pharmacy systems over the queue."""
    refill = jsonpickle.decode(payload)  #@vuln CWE-502
    with dict_cursor() as cur:
        cur.execute(
            "INSERT INTO refill_requests (prescription_id, channel, status, patient_comment, created_at) "
            "VALUES (%s, 'partner', 'pending', %s, now()) RETURNING id",
            (refill.prescription_id, getattr(refill, "comment", None)),
        )
        refill_id = cur.fetchone()["id"]
    if getattr(refill, "callback_url", None):
        notify_partner_callback.delay(refill_id, refill.callback_url)
    return refill_id


@app.task(bind=True, max_retries=5, default_retry_delay=60)
def notify_partner_callback(self, refill_id, callback_url):
    body = {"refill_id": refill_id, "status": "received"}
    try:
        resp = requests.post(callback_url, json=body, timeout=10)  #@vuln CWE-918
        resp.raise_for_status()
    except requests.RequestException as exc:
        raise self.retry(exc=exc)


@app.task
def sync_partner_formulary(feed_url):
    resp = requests.get(feed_url, timeout=60, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    items = resp.json().get("items", [])
    with dict_cursor() as cur:
        for item in items:
            cur.execute(
                "INSERT INTO partner_formulary (ndc, tier, prior_auth) VALUES (%s, %s, %s) "
                "ON CONFLICT (ndc) DO UPDATE SET tier = EXCLUDED.tier, prior_auth = EXCLUDED.prior_auth",
                (item["ndc"], item.get("tier"), bool(item.get("prior_auth"))),
            )
    log.info("synced %d partner formulary rows", len(items))
    return len(items)


@app.task
def weekly_pharmacist_digest(pharmacist_email, pharmacist_name):
    requests_ = fetch_all(
        "SELECT r.id, r.status, r.patient_comment, p.drug_name FROM refill_requests r "
        "JOIN prescriptions p ON p.id = r.prescription_id "
        "WHERE r.created_at > now() - interval '7 days' ORDER BY r.created_at",
        None,
    )
    html = messaging.render_weekly_digest(pharmacist_name, requests_)
    messaging.send_email(pharmacist_email, "Weekly refill digest", html)


@app.task
def export_adherence_report():
    rows = fetch_all(
        "SELECT patient_id, ndc, days_supply, last_fill_date, pdc FROM adherence_view WHERE period_end = %s",
        (date.today(),),
    )
    fields = ["patient_id", "ndc", "days_supply", "last_fill_date", "pdc"]
    path = storage.write_adherence_export(rows, fields)
    key = f"adherence/{date.today():%Y/%m/%d}.csv"
    boto3.client("s3").upload_file(path, EXPORT_BUCKET, key, ExtraArgs={"ServerSideEncryption": "aws:kms"})
    return key
