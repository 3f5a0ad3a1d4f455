"""Celery tasks for hrportal (worker: `celery -A hrportal worker -Q hr`)."""
import base64
import logging
import pickle
import subprocess

import requests
from celery import shared_task
from django.conf import settings

from hrportal.employees.models import BonusAward, BonusRule, Employee, PayrollRun
from hrportal.imports import services as import_services

logger = logging.getLogger(__name__)

BENEFITS_API = "https://benefits.partner.example.com/api/v1"
BENEFITS_API_TOKEN = "bnf_live_7f3c9a21d04e4b6fa2c85e10"  #@vuln CWE-798


@shared_task(autoretry_for=(requests.RequestException,), retry_backoff=True, max_retries=5)
def sync_benefits(employee_id):
    emp = Employee.objects.get(pk=employee_id)
    resp = requests.get(f"{BENEFITS_API}/members/{emp.login}", headers={"Authorization": f"Bearer {BENEFITS_API_TOKEN}"}, timeout=20, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    emp.benefits_snapshot = resp.json()
    emp.save(update_fields=["benefits_snapshot"])


@shared_task
def handle_vendor_event(message_b64):
    """Events from the payroll bureau arrive via the SQS bridge as pickled dicts."""
    event = pickle.loads(base64.b64decode(message_b64))  #@vuln CWE-502
    if event.get("type") == "run.completed":
        record_payroll_run.delay(event["run_id"], "completed")
    else:
        logger.info("ignoring vendor event %s", event.get("type"))


@shared_task
def record_payroll_run(run_id, state):
    PayrollRun.objects.update_or_create(external_id=run_id, defaults={"state": state})


@shared_task
def archive_department_docs(dept_code):
    archive = f"/srv/hr/archive/{dept_code}.tar.gz"
    subprocess.run(f"tar -czf {archive} -C /srv/hr/documents {dept_code}", shell=True, check=True)  #@vuln CWE-78
    logger.info("archived %s", archive)


@shared_task
def generate_payslip(employee_id, period):
    emp = Employee.objects.get(pk=employee_id)
    out = settings.PAYSLIP_DIR / f"{emp.pk}-{period}.pdf"
    url = f"{settings.INTERNAL_BASE_URL}/payslips/{emp.pk}/{period}/"
    subprocess.run(["wkhtmltopdf", "--quiet", url, str(out)], check=True, timeout=90)  #@safe
    return str(out)


@shared_task
def recompute_bonuses(department_code):
    total = 0
    for emp in Employee.objects.filter(department__code=department_code, active=True):
        for rule in BonusRule.objects.filter(grade=emp.grade):
            amount = import_services.evaluate_bonus(rule, emp)
            if amount:
                BonusAward.objects.update_or_create(employee=emp, rule=rule, defaults={"amount": amount})
                total += 1
    return total


@shared_task
def notify_hr_channel(text):
    requests.post(settings.HR_SLACK_WEBHOOK_URL, json={"text": text}, timeout=5)
