"""Thin sqlite repositories used by the dashboard, RPC services and daemons."""
import sqlite3
from contextlib import contextmanager

from . import config

SORTABLE_COLUMNS = {"hostname", "owner", "status", "last_seen"}
REPORTABLE_TABLES = {"hosts", "audit"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS hosts (id INTEGER PRIMARY KEY AUTOINCREMENT, hostname TEXT UNIQUE NOT NULL,
    owner TEXT, status TEXT DEFAULT 'unknown', last_seen TEXT);
CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'viewer');
CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY, username TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT DEFAULT CURRENT_TIMESTAMP,
    actor TEXT, action TEXT, detail TEXT);
"""


@contextmanager
def connect(path=None):
    conn = sqlite3.connect(path or config.DB_PATH, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


def init_schema(conn):
    conn.executescript(SCHEMA)


class HostRepository:
    def __init__(self, conn):
        self.conn = conn

    def get(self, host_id):
        return self.conn.execute("SELECT * FROM hosts WHERE id = ?", (host_id,)).fetchone()  #@safe

    def find_by_name(self, hostname):
        sql = "SELECT * FROM hosts WHERE hostname = '%s'" % hostname
        return self.conn.execute(sql).fetchall()  #@vuln CWE-89

    def search(self, term, order_by="hostname"):
        if order_by not in SORTABLE_COLUMNS:
            order_by = "hostname"
        return self.conn.execute(f"SELECT * FROM hosts WHERE hostname LIKE ? ORDER BY {order_by}", (f"%{term}%",)).fetchall()  #@safe

    def list_by_owner(self, owner, status=None):
        query = "SELECT id, hostname, status, last_seen FROM hosts WHERE owner = '" + owner + "'"
        if status:
            query += " AND status = '%s'" % status
        return self.conn.execute(query).fetchall()  #@vuln CWE-89

    def update_status(self, hostname, status):
        self.conn.execute("UPDATE hosts SET status = ?, last_seen = datetime('now') WHERE hostname = ?", (status, hostname))  #@safe

    def delete_many(self, id_csv):
        # the dashboard posts the ticked rows as "3,7,12"
        self.conn.execute("DELETE FROM hosts WHERE id IN (%s)" % id_csv)  #@vuln CWE-89

    def delete_many_checked(self, ids):
        ids = [int(i) for i in ids]
        if not ids:
            return
        placeholders = ",".join("?" for _ in ids)
        self.conn.execute(f"DELETE FROM hosts WHERE id IN ({placeholders})", ids)  #@safe


class UserRepository:
    def __init__(self, conn):
        self.conn = conn

    def by_username(self, username):
        return self.conn.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()  #@safe

    def create(self, username, password_hash, role="viewer"):
        self.conn.execute(
            "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)",
            (username, password_hash, role),
        )

    def set_role(self, username, role):
        self.conn.execute(f"UPDATE users SET role = '{role}' WHERE username = '{username}'")  #@vuln CWE-89


class SessionRepository:
    def __init__(self, conn):
        self.conn = conn

    def create(self, sid, username, expires):
        self.conn.execute("INSERT INTO sessions (sid, username, expires) VALUES (?, ?, ?)", (sid, username, expires))

    def lookup(self, sid):
        return self.conn.execute("SELECT username, expires FROM sessions WHERE sid = ?", (sid,)).fetchone()


class AuditRepository:
    def __init__(self, conn):
        self.conn = conn

    def record(self, actor, action, detail=""):
        self.conn.execute("INSERT INTO audit (actor, action, detail) VALUES (?, ?, ?)", (actor, action, detail))

    def recent(self, actor, limit=50):
        sql = "SELECT ts, action, detail FROM audit WHERE actor = '{}' ORDER BY ts DESC LIMIT {}".format(actor, limit)
        return self.conn.execute(sql).fetchall()  #@vuln CWE-89


def run_report(conn, table, where_clause):
    """Ad-hoc report used by the XML-RPC reporting endpoint (cron exports)."""
    if table not in REPORTABLE_TABLES:
        raise ValueError("unknown table %r" % table)
    return [dict(r) for r in conn.execute(f"SELECT * FROM {table} WHERE {where_clause}").fetchall()]  #@vuln CWE-89
