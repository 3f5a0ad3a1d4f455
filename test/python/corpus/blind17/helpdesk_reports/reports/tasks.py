import logging

import httpx
from celery import shared_task
from django.core.mail import EmailMessage

from . import exporters
from .models import Report

log = logging.getLogger(__name__)
COLUMNS = ["label", "opened", "closed", "breached"]


@shared_task
def email_report(report_id: int, recipients: list[str]):
    report = Report.objects.get(pk=report_id)
    path = exporters.export_csv([r.as_dict() for r in report.rows.all()], COLUMNS)
    message = EmailMessage(subject=f"Report: {report.title}", body="See attachment.", to=recipients)
    message.attach_file(path, mimetype="text/csv")
    message.send()


@shared_task(autoretry_for=(httpx.TransportError,), retry_backoff=True)
def push_report(report_id: int, target_url: str):
    report = Report.objects.get(pk=report_id)
    payload = {"title": report.title, "rows": [r.as_dict() for r in report.rows.all()]}
    response = httpx.post(target_url, json=payload, timeout=10.0)  #@vuln CWE-918
    log.info("pushed report %s to %s: %s", report_id, target_url, response.status_code)
    return response.status_code
