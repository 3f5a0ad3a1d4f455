"""Reporting queries for the admin console (raw SQL against the identity DB,
audit trail in MongoDB)."""
import csv
import json
import os
import tempfile
from datetime import datetime, timedelta, timezone

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from pymongo import DESCENDING, MongoClient

User = get_user_model()

GROUP_EXPRESSIONS = {
    "day": "date_trunc('day', created_at)",
    "week": "date_trunc('week', created_at)",
    "method": "method",
}

_mongo = MongoClient(settings.MONGO_URL, serverSelectionTimeoutMS=3000)
audit = _mongo.get_default_database()["events"]


def login_stats(start, end, group_by: str):
    expr = GROUP_EXPRESSIONS.get(group_by, GROUP_EXPRESSIONS["day"])
    with connection.cursor() as cur:
        cur.execute(f"SELECT {expr} AS bucket, count(*) FROM login_events WHERE created_at BETWEEN %s AND %s GROUP BY 1 ORDER BY 1", [start, end])  #@safe
        return cur.fetchall()


def failed_logins(username: str, days: int = 7):
    with connection.cursor() as cur:
        cur.execute(f"SELECT ip, count(*) AS attempts FROM failed_logins WHERE username = '{username}' AND created_at > now() - interval '{int(days)} days' GROUP BY ip ORDER BY 2 DESC")  #@vuln CWE-89
        return cur.fetchall()


def tenant_user_count(tenant: str) -> int:
    with connection.cursor() as cur:
        cur.execute(f'SET LOCAL search_path TO "{tenant}", public')  #@vuln CWE-89
        cur.execute("SELECT count(*) FROM users WHERE deleted_at IS NULL")
        return cur.fetchone()[0]


def inactive_users(domain: str, days: int = 90):
    cutoff = datetime.now(timezone.utc) - timedelta(days=days)
    return User.objects.filter(last_login__lt=cutoff).extra(where=[f"email LIKE '%%@{domain}'"]).order_by("last_login")  #@vuln CWE-89


def audit_for_actor(actor: str, limit: int = 200):
    return list(audit.find({"actor": str(actor)}).sort("ts", DESCENDING).limit(limit))  #@safe


def audit_for_target(target: str, limit: int = 200):
    return list(audit.find({"$where": f"this.target == '{target}' && this.kind != 'heartbeat'"}).limit(limit))  #@vuln CWE-943


def audit_search(raw_filter: str, limit: int = 200):
    """Power-user search box: accepts a Mongo filter document as JSON."""
    query = json.loads(raw_filter or "{}")
    return list(audit.find(query).sort("ts", DESCENDING).limit(limit))  #@vuln CWE-943


def export_users_csv(queryset) -> str:
    path = tempfile.mktemp(suffix=".csv", dir=settings.IMPORT_TMP_DIR)  #@vuln CWE-377
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "username", "email", "is_active", "last_login"])
        for u in queryset.iterator():
            writer.writerow([u.id, u.username, u.email, u.is_active, u.last_login])
    final = os.path.join(settings.EXPORT_DIR, "users-%s.csv" % datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S"))
    os.replace(path, final)
    return os.path.basename(final)
