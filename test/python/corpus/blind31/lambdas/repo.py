"""Data access for the infra API lambda (RDS MySQL for inventory/billing, DocumentDB for audit)."""
import os

import pymongo
import pymysql
import pymysql.cursors

SORTABLE = {"launched_at", "name", "instance_type", "monthly_cost"}
RDS_CA = "/opt/rds-ca-bundle.pem"

_conn = None
_mongo = None


def db():
    global _conn
    if _conn is None or not _conn.open:
        _conn = pymysql.connect(
            host=os.environ["RDS_HOST"], user=os.environ["RDS_USER"], password=os.environ["RDS_PASSWORD"],
            database=os.environ.get("RDS_DB", "infra"), cursorclass=pymysql.cursors.DictCursor,
            ssl={"ca": RDS_CA}, autocommit=True, connect_timeout=5,
        )
    return _conn


def audit():
    global _mongo
    if _mongo is None:
        _mongo = pymongo.MongoClient(os.environ["DOCDB_URI"], tls=True, tlsCAFile=RDS_CA, retryWrites=False)
    return _mongo["infra"]["audit_events"]


def list_instances(team, state=None, sort="launched_at"):
    query = "SELECT instance_id, name, instance_type, state, owner, launched_at FROM instances WHERE team = %s"
    args = [team]
    if state:
        query += " AND state = %s"
        args.append(state)
    if sort not in SORTABLE:
        sort = "launched_at"
    query += f" ORDER BY {sort} DESC LIMIT 500"
    with db().cursor() as cur:
        cur.execute(query, args)  #@safe
        return cur.fetchall()


def search_instances(team, term):
    with db().cursor() as cur:
        cur.execute(f"SELECT instance_id, name, state FROM instances WHERE team = '{team}' AND (name LIKE '%{term}%' OR tags LIKE '%{term}%')")  #@vuln CWE-89
        return cur.fetchall()


def set_owner(instance_id, owner):
    with db().cursor() as cur:
        cur.execute("UPDATE instances SET owner = '%s' WHERE instance_id = '%s'" % (owner, instance_id))  #@vuln CWE-89
        return cur.rowcount


def cost_breakdown(month, group_by):
    with db().cursor() as cur:
        cur.execute(f"SELECT {group_by} AS bucket, SUM(cost) AS total FROM billing WHERE month = %s GROUP BY {group_by}", (month,))  #@vuln CWE-89
        return cur.fetchall()


def find_audit(query_filter, limit=100):
    return list(audit().find(query_filter, {"_id": 0}).sort("ts", -1).limit(limit))  #@vuln CWE-943


def record_audit(event):
    audit().insert_one(dict(event))
