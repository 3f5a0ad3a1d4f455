"""Celery tasks: bulk course e-mail, progress reports and certificate PDFs."""
import logging
import os
import smtplib
import ssl
import subprocess
import tempfile
from email.message import EmailMessage

from celery import shared_task
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone
from jinja2 import Environment, select_autoescape

from common.config import settings
from common.paths import ensure_dir
from common.security import certificate_signature
from lms.rendering import render_certificate_html

log = logging.getLogger(__name__)

_mail_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def _recipients(course_id, roles):
    role_list = ", ".join(f"'{r}'" for r in roles)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT u.email, u.first_name, u.last_name FROM lms_enrollment e JOIN auth_user u ON u.id = e.user_id WHERE e.course_id = %s AND e.role IN ({role_list}) AND u.is_active", [course_id])  #@vuln CWE-89
        return cursor.fetchall()


def _smtp():
    server = smtplib.SMTP(settings.mail.host, settings.mail.port, timeout=30)
    server.starttls(context=ssl._create_unverified_context())  #@vuln CWE-295
    server.login(settings.mail.username, settings.mail.password)
    return server


@shared_task(bind=True, rate_limit="10/m", max_retries=3)
def send_bulk_email(self, course_id, subject, body_template, roles):
    recipients = _recipients(course_id, roles)
    template = _mail_env.from_string(body_template)  #@vuln CWE-1336
    sent = 0
    server = _smtp()
    try:
        for email, first_name, last_name in recipients:
            msg = EmailMessage()
            msg["From"] = settings.mail.from_addr
            msg["To"] = email
            msg["Subject"] = subject
            html = template.render(student={"first_name": first_name, "last_name": last_name, "email": email})
            msg.set_content("This message requires an HTML-capable mail client.")
            msg.add_alternative(html, subtype="html")
            server.send_message(msg)
            sent += 1
    except smtplib.SMTPException as exc:
        raise self.retry(exc=exc, countdown=120)
    finally:
        server.quit()
    log.info("bulk mail for course %s: %d sent", course_id, sent)
    return sent


@shared_task
def generate_progress_report(course_key, report_name, requested_by):
    """Queued from the Reports tab; report_name is what the instructor typed in the dialog."""
    html = render_to_string("reports/progress.html", {"course_key": course_key, "generated": timezone.now()})
    workdir = tempfile.mkdtemp(prefix="report-")
    html_path = os.path.join(workdir, "report.html")
    with open(html_path, "w", encoding="utf-8") as fh:
        fh.write(html)
    out_dir = ensure_dir(os.path.join(settings.export_root, course_key))
    subprocess.run(f"wkhtmltopdf --quiet {html_path} '{out_dir}/{report_name}.pdf'", shell=True, check=True, timeout=300)  #@vuln CWE-78
    log.info("progress report %s for %s requested by %s", report_name, course_key, requested_by)
    return f"{course_key}/{report_name}.pdf"


@shared_task
def generate_certificate_pdf(cert_uuid, student_id, student_name, course_key, course_title):
    signature = certificate_signature(cert_uuid, student_id, course_key)
    html = render_certificate_html(student_name, course_title, timezone.now(), signature)
    workdir = tempfile.mkdtemp(prefix="cert-")
    html_path = os.path.join(workdir, "certificate.html")
    with open(html_path, "w", encoding="utf-8") as fh:
        fh.write(html)
    out_path = os.path.join(ensure_dir(os.path.join(settings.media_root, "certificates")), f"{cert_uuid}.pdf")
    subprocess.run(["wkhtmltopdf", "--quiet", "--page-size", "A4", "-O", "Landscape", html_path, out_path], check=True, timeout=120)  #@safe
    return out_path
