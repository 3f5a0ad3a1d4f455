import sqlite3

from flask import current_app, g


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exc=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def find_user(username):
    cur = get_db().execute("SELECT id, username, password_hash FROM users WHERE username = ?", (username,))  #@safe
    return cur.fetchone()


def search_users(term, dept=None):
    query = "SELECT id, username, dept FROM users WHERE username LIKE '%" + term + "%'"
    if dept:
        query += " AND dept = '%s'" % dept
    return get_db().execute(query).fetchall()  #@vuln CWE-89
