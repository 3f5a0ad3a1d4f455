"""CSV exports and saved reports for the ops bot."""
import csv
import os
import tempfile

from common import config

INCIDENT_FIELDS = ["id", "title", "severity", "status"]
ONCALL_FIELDS = ["handle", "phone", "ends_at"]


def export_incidents_csv(rows):
    path = tempfile.mktemp(prefix="incidents-", suffix=".csv")  #@vuln CWE-377
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=INCIDENT_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def export_oncall_csv(rows):
    fd, path = tempfile.mkstemp(prefix="oncall-", suffix=".csv")  #@safe
    with os.fdopen(fd, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ONCALL_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_report(name):
    base = os.path.realpath(config.REPORT_DIR)
    path = os.path.realpath(os.path.join(base, name))
    if not path.startswith(base + os.sep):
        raise ValueError("bad report name")
    with open(path) as fh:  #@safe
        return fh.read()
