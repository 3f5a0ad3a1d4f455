"""Scheduled report e-mails (run from cron: `python -m opscli.mailer --due`).

Schedules are created by users in the report UI: they choose the report, the
recipients, a subject line (may contain {{ placeholders }}) and a free-text note.
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import smtplib
import ssl
from email.message import EmailMessage

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import create_engine, text

log = logging.getLogger("report-mailer")

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")
REPORT_DIR = os.environ.get("REPORT_DIR", "/var/lib/reports/generated")
SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.example.com")
SMTP_USER = "reports@example.com"
SMTP_PASSWORD = "Rp7-mail-2023!"  #@vuln CWE-798

env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "j2"]))
sandbox = SandboxedEnvironment(autoescape=True)

NOTE_HTML = """<div class="note"><p>{{ note }}</p><p>Prepared for {{ owner }}</p></div>"""
note_env = Environment(autoescape=False)  # templates are ours, values are plain text


def due_schedules(conn, now: dt.datetime) -> list[dict]:
    rows = conn.execute(text("SELECT * FROM report_schedules WHERE active AND next_run <= :now"), {"now": now})
    return [dict(r._mapping) for r in rows]


def render_subject(schedule: dict, context: dict) -> str:
    return Template(schedule["subject_template"]).render(**context)  #@vuln CWE-1336


def render_subject_sandboxed(schedule: dict, context: dict) -> str:
    return sandbox.from_string(schedule["subject_template"]).render(**context)  #@safe


def render_body(schedule: dict, context: dict) -> str:
    body = env.get_template("scheduled_report.html.j2").render(**context)
    note = note_env.from_string(NOTE_HTML).render(note=schedule.get("note", ""), owner=schedule["owner"])  #@vuln CWE-79
    return body + note


def attachment_path(schedule: dict) -> str:
    return os.path.join(REPORT_DIR, schedule["attachment_name"])


def build_message(schedule: dict, now: dt.datetime) -> EmailMessage:
    context = {"report": schedule["report_name"], "date": now.date().isoformat(), "owner": schedule["owner"]}
    msg = EmailMessage()
    msg["From"] = SMTP_USER
    msg["To"] = schedule["recipients"]
    msg["Subject"] = render_subject(schedule, context) if schedule.get("legacy_subject") else render_subject_sandboxed(schedule, context)
    msg.set_content("This report is best viewed in an HTML-capable client.")
    msg.add_alternative(render_body(schedule, context), subtype="html")
    if schedule.get("attachment_name"):
        with open(attachment_path(schedule), "rb") as fh:  #@vuln CWE-22
            msg.add_attachment(fh.read(), maintype="application", subtype="octet-stream",
                               filename=os.path.basename(schedule["attachment_name"]))
    return msg


def send_all(dsn: str, dry_run: bool = False) -> int:
    engine = create_engine(dsn)
    now = dt.datetime.utcnow()
    sent = 0
    with engine.begin() as conn:
        schedules = due_schedules(conn, now)
        if not schedules:
            return 0
        with smtplib.SMTP(SMTP_HOST, 587, timeout=30) as smtp:
            smtp.starttls(context=ssl.create_default_context())
            smtp.login(SMTP_USER, SMTP_PASSWORD)
            for schedule in schedules:
                msg = build_message(schedule, now)
                if dry_run:
                    log.info("would send %s to %s", msg["Subject"], msg["To"])
                    continue
                smtp.send_message(msg)
                conn.execute(text("UPDATE report_schedules SET last_run = :now, next_run = :now + run_every WHERE id = :id"), {"now": now, "id": schedule["id"]})
                sent += 1
    return sent


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", default=os.environ.get("REPORTS_DSN", ""))
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--due", action="store_true")
    a = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    log.info("sent %d scheduled reports", send_all(a.dsn, a.dry_run))
