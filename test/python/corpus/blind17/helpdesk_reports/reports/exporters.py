import csv
import json
import os
import tempfile
from dataclasses import asdict

from .formulas import MetricResult


def export_csv(rows: list[dict], columns: list[str]) -> str:
    fd, path = tempfile.mkstemp(suffix=".csv", prefix="report_")  #@safe
    with os.fdopen(fd, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def export_csv_for_mailer(rows: list[dict], columns: list[str]) -> str:
    path = tempfile.mktemp(suffix=".csv", prefix="mailer_")  #@vuln CWE-377
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def snapshot_results(report_id: int, results: list[MetricResult]) -> str:
    path = f"/tmp/helpdesk-report-{report_id}.json"
    with open(path, "w") as fh:  #@vuln CWE-377
        json.dump([asdict(r) for r in results], fh)
    return path
