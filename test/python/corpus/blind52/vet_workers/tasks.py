"""Background jobs: reminders, exports, imaging conversion, backups."""
import datetime as dt
import logging
import os
import string
import subprocess

import psycopg2
import psycopg2.extras
import requests

from vet_workers import exports, notify
from vet_workers.celery_app import app
from vetnet_common.config import settings
from vetnet_common.fileutil import extract_imaging_archive, scratch_path
from vetnet_common.security import sign_webhook_body

log = logging.getLogger(__name__)

DEFAULT_REMINDER = string.Template(
    "Hi $owner, $pet has an appointment at $clinic on $when. Reply C to cancel. Ref $code"
)


def _connect():
    return psycopg2.connect(
        host=settings.DB_HOST,
        port=settings.DB_PORT,
        dbname=settings.DB_NAME,
        user=settings.DB_USER,
        password=settings.DB_PASSWORD,
        cursor_factory=psycopg2.extras.RealDictCursor,
    )


APPOINTMENT_SQL = """
    SELECT a.id, a.starts_at, a.booking_code, p.name AS pet, o.first_name AS owner,
           o.mobile, o.email, o.sms_opt_in, c.name AS clinic, c.reminder_template
      FROM clinic_api_appointment a
      JOIN clinic_api_patient p ON p.id = a.patient_id
      JOIN clinic_api_owner o ON o.id = p.owner_id
      JOIN clinic_api_clinic c ON c.id = a.clinic_id
"""


def _reminder_text(row):
    template = string.Template(row["reminder_template"]) if row["reminder_template"] else DEFAULT_REMINDER
    return template.safe_substitute(
        owner=row["owner"],
        pet=row["pet"],
        clinic=row["clinic"],
        when=row["starts_at"].strftime("%a %d %b %H:%M"),
        code=row["booking_code"],
    )


def _deliver(row, subject):
    body = _reminder_text(row)
    if row["sms_opt_in"] and row["mobile"]:
        notify.send_sms(row["mobile"], body)
    elif row["email"]:
        html_body = notify.reminder_html(row["owner"], row["pet"], row["starts_at"].isoformat(), row["clinic"])
        notify.send_email(row["email"], subject, body, html_body)


@app.task(bind=True, max_retries=3, default_retry_delay=120)
def send_booking_confirmation(self, appointment_id):
    with _connect() as conn, conn.cursor() as cur:
        cur.execute(APPOINTMENT_SQL + " WHERE a.id = %s", (appointment_id,))
        row = cur.fetchone()
    if row is None:
        log.warning("appointment %s vanished before confirmation", appointment_id)
        return
    try:
        _deliver(row, "Your appointment is booked")
    except notify.DeliveryError as exc:
        raise self.retry(exc=exc)


@app.task
def send_appointment_reminders(days_ahead=1):
    day = dt.date.today() + dt.timedelta(days=int(days_ahead))
    with _connect() as conn, conn.cursor() as cur:
        cur.execute(APPOINTMENT_SQL + " WHERE a.starts_at::date = %s AND a.status = 'booked'", (day,))
        rows = cur.fetchall()
    sent = 0
    for row in rows:
        try:
            _deliver(row, "Appointment reminder")
            sent += 1
        except notify.DeliveryError:
            log.exception("reminder failed for appointment %s", row["id"])
    return sent


@app.task(acks_late=True)
def export_invoices(clinic_code, since, filename, discount_rule=None):
    return exports.export_invoice_workbook(clinic_code, since, filename, discount_rule)


@app.task
def convert_radiograph(upload_path, original_name):
    """Make a web-sized JPEG preview of an uploaded radiograph."""
    preview = scratch_path(suffix=".jpg")
    cmd = f"convert '{upload_path}[0]' -resize 1600x1600 -quality 85 -set comment \"{original_name}\" {preview}"
    subprocess.run(cmd, shell=True, check=True, timeout=120)  #@vuln CWE-78
    return preview


@app.task
def process_imaging_upload(archive_path, patient_id):
    dest = os.path.join(str(settings.IMAGING_ROOT), str(int(patient_id)))
    extract_imaging_archive(archive_path, dest)
    return sorted(os.listdir(dest))


@app.task
def archive_clinic_records(clinic_code):
    target = "/var/backups/vetnet/records-%s.tgz" % clinic_code
    os.system("tar czf %s -C /srv/vetnet/records %s" % (target, clinic_code))  #@vuln CWE-78
    return target


@app.task
def backup_database():
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    out = f"/var/backups/vetnet/db-{stamp}.dump"
    env = dict(os.environ, PGPASSWORD=settings.DB_PASSWORD)
    subprocess.run(  #@safe
        ["pg_dump", "--format=custom", "--file", out, "-h", settings.DB_HOST, "-U", settings.DB_USER, settings.DB_NAME],
        check=True,
        env=env,
        timeout=3600,
    )
    return out


@app.task(bind=True, max_retries=5)
def notify_clinic_webhook(self, clinic_id, event, data):
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT webhook_url, code FROM clinic_api_clinic WHERE id = %s", (clinic_id,))
        clinic = cur.fetchone()
    if not clinic or not clinic["webhook_url"]:
        return None
    body = {"event": event, "clinic": clinic["code"], "data": data}
    signature = sign_webhook_body(repr(body).encode("utf-8"), settings.DOWNLOAD_SIGNING_KEY)
    try:
        resp = requests.post(clinic["webhook_url"], json=body, headers={"X-PawsNet-Signature": signature}, timeout=10)  #@vuln CWE-918
    except requests.RequestException as exc:
        raise self.retry(exc=exc, countdown=60)
    return resp.status_code
