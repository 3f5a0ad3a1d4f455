"""Celery application and scheduled jobs for the casework service."""
import csv
import logging
import os
import subprocess
from datetime import date, timedelta

import requests
from celery import Celery
from celery.schedules import crontab
from django.conf import settings
from django.db import connection

log = logging.getLogger(__name__)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicforms.settings")
app = Celery("casework")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_serializer = "pickle"
app.conf.result_serializer = "pickle"
app.conf.accept_content = ["pickle", "json"] #@vuln CWE-502
app.autodiscover_tasks(["workers"])

app.conf.beat_schedule = {
    "sftp-ingest": {"task": "workers.tasks.ingest_agency_drop", "schedule": crontab(minute="*/15")},
    "purge-exports": {"task": "workers.tasks.purge_exports", "schedule": crontab(hour=2, minute=30), "args": (30,)},
    "publish-open-data": {"task": "workers.tasks.publish_open_data", "schedule": crontab(hour=3, minute=0)},
}

NOTIFY_URL = "https://api.notifications.service.gov.uk/v2/notifications/sms"
THUMB_DIR = os.path.join(settings.MEDIA_ROOT, "thumbs")


@app.task(bind=True, max_retries=3)
def send_sms(self, phone, text):
    resp = requests.post(NOTIFY_URL, json={"phone_number": phone, "personalisation": {"body": text}, "template_id": os.environ["NOTIFY_SMS_TEMPLATE"]}, headers={"Authorization": f"Bearer {os.environ['NOTIFY_API_KEY']}"}, timeout=10)
    if resp.status_code >= 500:
        raise self.retry(countdown=60)
    resp.raise_for_status()


@app.task
def make_thumbnail(path):
    os.makedirs(THUMB_DIR, exist_ok=True)
    out = os.path.join(THUMB_DIR, os.path.basename(path) + ".png")
    rc = subprocess.call(f"convert '{path}[0]' -thumbnail 300x300 {out}", shell=True) #@vuln CWE-78
    if rc != 0:
        log.warning("thumbnail failed for %s", path)


@app.task(bind=True, max_retries=5)
def notify_partner(self, case_id, callback_url, status):
    """Tell the referring agency that a case has changed status."""
    try:
        requests.post(callback_url, json={"case_id": case_id, "status": status}, timeout=10) #@vuln CWE-918
    except requests.RequestException as exc:
        raise self.retry(exc=exc, countdown=300)


@app.task
def ingest_agency_drop():
    from .sftp_ingest import run_ingest
    return run_ingest()


@app.task
def purge_exports(days):
    subprocess.run(f"find {settings.EXPORT_DIR} -name '*.csv.enc' -mtime +{int(days)} -delete", shell=True, check=False) #@safe


@app.task
def publish_open_data():
    """Write the de-identified datasets that the open data API serves."""
    out_dir = settings.OPEN_DATA_DIR
    os.makedirs(out_dir, exist_ok=True)
    since = date.today() - timedelta(days=365)
    with connection.cursor() as cur:
        cur.execute("SELECT service, ward_code, status, date_trunc('month', created_at)::date AS month, count(*) FROM cases WHERE created_at >= %s GROUP BY 1, 2, 3, 4", [since])
        rows = cur.fetchall()
    with open(os.path.join(out_dir, "applications_by_ward.csv"), "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["service", "ward_code", "status", "month", "count"])
        writer.writerows(rows)
    log.info("published %d rows", len(rows))
