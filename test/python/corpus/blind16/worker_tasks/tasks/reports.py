import csv
import datetime as dt

import jsonpickle
import requests

from ..celery_app import CA_BUNDLE, CRM_API, app
from ..utils.mailer import render_campaign, render_file_template, send_html


@app.task
def build_contact_report(report_id: int, owner_email: str):
    resp = requests.get(f"{CRM_API}/reports/{report_id}/rows", timeout=30, verify=CA_BUNDLE)  #@safe
    resp.raise_for_status()
    rows = resp.json()["rows"]
    tmp_path = f"/tmp/report_{report_id}.csv"
    with open(tmp_path, "w", newline="") as fh:  #@vuln CWE-377
        writer = csv.DictWriter(fh, fieldnames=sorted(rows[0]) if rows else ["empty"])
        writer.writeheader()
        writer.writerows(rows)
    html = render_file_template("report_ready.html", {"report_id": report_id, "rows": len(rows)})
    send_html(owner_email, f"Report {report_id} is ready", html)
    return tmp_path


@app.task
def send_campaign(campaign: dict, recipients: list):
    sent = 0
    for r in recipients:
        html = render_campaign(campaign["body"], {"name": r.get("name", ""), "today": dt.date.today()})
        send_html(r["email"], campaign["subject"], html)
        sent += 1
    return sent


@app.task
def replay_event(serialized: str):
    event = jsonpickle.decode(serialized)  #@vuln CWE-502
    return event.apply()
