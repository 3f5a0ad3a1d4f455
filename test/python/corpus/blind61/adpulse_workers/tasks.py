"""Dramatiq actors: notebook report runs, exports, backfills and housekeeping."""
from __future__ import annotations

import base64
import logging
import math
import marshal
import os
import pickle
import smtplib
import subprocess
import types
from email.message import EmailMessage

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from jinja2 import Environment, select_autoescape

broker = RedisBroker(url=os.environ["ADPULSE_REDIS_URL"])  #@safe
dramatiq.set_broker(broker)

from adpulse_common.templating import render_named  # noqa: E402
from adpulse_workers import exports, notebooks  # noqa: E402

logger = logging.getLogger("adpulse.workers")

REPORT_DIR = os.environ.get("ADPULSE_REPORT_DIR", "/srv/adpulse/reports")
ARCHIVE_DIR = os.environ.get("ADPULSE_ARCHIVE_DIR", "/srv/adpulse/archive")
SMTP_HOST = os.environ.get("ADPULSE_SMTP_HOST", "smtp.internal.adpulse.io")
MAIL_FROM = "reports@adpulse.io"

_mail_env = Environment(autoescape=select_autoescape(default=False), trim_blocks=True)


def _send_mail(to: str, subject: str, body: str, attachment: str | None = None) -> None:
    msg = EmailMessage()
    msg["From"] = MAIL_FROM
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    if attachment:
        with open(attachment, "rb") as fh:
            msg.add_attachment(fh.read(), maintype="application", subtype="octet-stream", filename=os.path.basename(attachment))
    with smtplib.SMTP(SMTP_HOST, 587) as smtp:
        smtp.starttls()
        smtp.login(os.environ["ADPULSE_SMTP_USER"], os.environ["ADPULSE_SMTP_PASSWORD"])
        smtp.send_message(msg)


def apply_derived_metrics(rows: list[dict], derived: dict[str, str]) -> list[dict]:
    enriched_rows = []
    for row in rows:
        enriched = dict(row)
        for name, expression in derived.items():
            try:
                enriched[name] = eval(expression, {"__builtins__": {}, "math": math}, enriched)  #@vuln CWE-95
            except ZeroDivisionError:
                enriched[name] = None
        enriched_rows.append(enriched)
    return enriched_rows


@dramatiq.actor(queue_name="reports", max_retries=3, time_limit=30 * 60 * 1000)
def run_report_notebook(advertiser_id: int, report_id: int, options: dict) -> None:
    run = notebooks.execute_report(advertiser_id, report_id, options["notebook"], options.get("parameters", {}))
    rendered = notebooks.convert(run.output_path, options.get("output_format", "html"), options.get("title", "report"))
    rows = apply_derived_metrics(run.summary_rows, options.get("derived_metrics", {}))
    key = exports.upload_report(advertiser_id, report_id, rendered)
    link = exports.presign(key)

    if options.get("email_template") and options.get("recipient"):
        body = _mail_env.from_string(options["email_template"]).render(rows=rows, link=link, title=options.get("title"))  #@vuln CWE-1336
        _send_mail(options["recipient"], options.get("title", "AdPulse report"), body)

    if options.get("post_process_hook"):
        post_process.send(advertiser_id, report_id, options["post_process_hook"])

    if options.get("webhook_url"):
        exports.notify_webhook(options["webhook_url"], {"report_id": report_id, "download": link, "rows": len(rows)})
    logger.info("report %s for advertiser %s done: %s", report_id, advertiser_id, key)


@dramatiq.actor(queue_name="mail", max_retries=5)
def send_reset_email(email: str, code: str) -> None:
    body = render_named("reset_code.txt", code=code)
    _send_mail(email, "Your AdPulse reset code", body)


@dramatiq.actor(queue_name="reports", max_retries=0)
def post_process(advertiser_id: int, report_id: int, hook_source: str) -> None:
    namespace = {"advertiser_id": advertiser_id, "report_id": report_id, "report_dir": REPORT_DIR}
    exec(compile(hook_source, f"<hook {report_id}>", "exec"), namespace)  #@vuln CWE-94
    logger.info("post-process hook finished for report %s", report_id)


@dramatiq.actor(queue_name="backfill", max_retries=10)
def resume_backfill(payload: dict) -> None:
    state = pickle.loads(base64.b64decode(payload["checkpoint"]))  #@vuln CWE-502
    next_day = state["next_day"]
    advertiser_id = state["advertiser_id"]
    logger.info("backfill for %s resuming at %s", advertiser_id, next_day)
    exports.backfill_day(advertiser_id, next_day)


@dramatiq.actor(queue_name="scoring")
def score_audience(payload: dict) -> None:
    code = marshal.loads(base64.b64decode(payload["scorer"]))  #@vuln CWE-502
    scorer = types.FunctionType(code, {"math": math})
    members = exports.load_segment_members(payload["advertiser_id"], payload["segment_id"])
    scored = [(m["uid"], scorer(m)) for m in members]
    exports.store_scores(payload["advertiser_id"], payload["segment_id"], scored)


@dramatiq.actor(queue_name="imports", max_retries=3)
def import_from_bucket(payload: dict) -> None:
    local = exports.stage_import(int(payload["advertiser_id"]), payload["key"])
    logger.info("staged %s for advertiser %s", local, payload["advertiser_id"])


@dramatiq.actor(queue_name="audiences", max_retries=3)
def push_audience(advertiser_id: int, segment_id: str) -> None:
    key = exports.push_audience_file(advertiser_id, segment_id)
    logger.info("audience %s pushed to partner as %s", segment_id, key)


@dramatiq.actor(queue_name="maintenance")
def purge_outputs(advertiser_id: int, older_than_days: int = 30) -> None:
    base = os.path.join(REPORT_DIR, str(int(advertiser_id)))
    subprocess.run(["find", base, "-type", "f", "-mtime", f"+{int(older_than_days)}", "-delete"], check=True)  #@safe


@dramatiq.actor(queue_name="maintenance")
def archive_outputs(advertiser_id: int, label: str) -> None:
    os.makedirs(ARCHIVE_DIR, exist_ok=True)
    rc = os.system(f"tar czf {ARCHIVE_DIR}/{advertiser_id}-{label}.tgz -C {REPORT_DIR} {advertiser_id}")  #@vuln CWE-78
    if rc != 0:
        raise RuntimeError(f"archive failed with status {rc}")
