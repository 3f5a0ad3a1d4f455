"""MongoDB (user profiles) and Postgres (billing) access for the accounts API."""
import psycopg2
import psycopg2.extras
from bson import ObjectId
from flask import current_app, g
from psycopg2 import sql
from pymongo import MongoClient

_PUBLIC_FIELDS = {"password_hash": 0, "salt": 0, "mfa_secret": 0}
GROUPABLE = {"status", "currency", "plan"}


def mongo():
    if "mongo" not in g:
        g.mongo = MongoClient(current_app.config["MONGO_URI"], serverSelectionTimeoutMS=3000)
    return g.mongo.get_default_database()


def pg():
    if "pg" not in g:
        g.pg = psycopg2.connect(current_app.config["BILLING_DSN"], cursor_factory=psycopg2.extras.RealDictCursor)
    return g.pg


def close(_exc=None):
    for key in ("mongo", "pg"):
        conn = g.pop(key, None)
        if conn is not None:
            conn.close()


# ------------------------------------------------------------------ users (Mongo)

def get_user(user_id):
    return mongo().users.find_one({"_id": ObjectId(user_id)}, _PUBLIC_FIELDS)


def get_user_by_login(username):
    return mongo().users.find_one({"username": str(username).strip().lower()})  #@safe


def find_users_by_name(fragment):
    return list(mongo().users.find({"$where": f"this.display_name.toLowerCase().indexOf('{fragment.lower()}') !== -1"}, _PUBLIC_FIELDS).limit(50))  #@vuln CWE-943


def find_users(filter_doc):
    return list(mongo().users.find(filter_doc, _PUBLIC_FIELDS).limit(100))  #@vuln CWE-943


def upsert_user(username, attrs):
    mongo().users.update_one({"username": username}, {"$set": attrs}, upsert=True)


# ------------------------------------------------------------------ billing (Postgres)

def update_plan(user_id, plan):
    conn = pg()
    with conn.cursor() as cur:
        cur.execute("UPDATE accounts SET plan = '%s', updated_at = now() WHERE user_id = %s" % (plan, user_id))  #@vuln CWE-89
    conn.commit()


def invoices_for(user_id, status="open"):
    with pg().cursor() as cur:
        cur.execute("SELECT id, amount_cents, currency, status, issued_at FROM invoices WHERE user_id = %s AND status = %s ORDER BY issued_at DESC", (user_id, status))  #@safe
        return cur.fetchall()


def search_invoices(user_id, memo):
    with pg().cursor() as cur:
        cur.execute(f"SELECT id, memo, amount_cents FROM invoices WHERE user_id = {int(user_id)} AND memo ILIKE '%{memo}%' LIMIT 50")  #@vuln CWE-89
        return cur.fetchall()


def invoice_totals(user_id, group_by):
    if group_by not in GROUPABLE:
        group_by = "status"
    query = sql.SQL("SELECT {col} AS bucket, SUM(amount_cents) AS total FROM invoices WHERE user_id = %s GROUP BY {col}").format(col=sql.Identifier(group_by))
    with pg().cursor() as cur:
        cur.execute(query, (user_id,))  #@safe
        return cur.fetchall()
