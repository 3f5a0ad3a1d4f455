"""sqlite access for corpboard. Keep SQL in this module."""
import sqlite3

from flask import current_app, g


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"], detect_types=sqlite3.PARSE_DECLTYPES)
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exc=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_app(app):
    app.teardown_appcontext(close_db)


# -- users ---------------------------------------------------------------------

def find_user(username):
    return get_db().execute("SELECT id, username, password, role, email FROM users WHERE username = ?", (username,)).fetchone()  #@safe


def create_user(username, password_hash, email):
    conn = get_db()
    conn.execute("INSERT INTO users (username, password, email, role) VALUES (?, ?, ?, 'member')", (username, password_hash, email))
    conn.commit()


def list_users(sort="id"):
    return get_db().execute(f"SELECT id, username, email, role, created FROM users ORDER BY {sort}").fetchall()  #@vuln CWE-89


def set_role(user_id, role):
    conn = get_db()
    conn.execute("UPDATE users SET role = ? WHERE id = ?", (role, user_id))  #@safe
    conn.commit()


def delete_user(user_id):
    conn = get_db()
    conn.execute("DELETE FROM users WHERE id = " + user_id)  #@vuln CWE-89
    conn.commit()


def store_reset_code(user_id, code):
    conn = get_db()
    conn.execute("INSERT OR REPLACE INTO reset_codes (user_id, code, created) VALUES (?, ?, datetime('now'))", (user_id, code))
    conn.commit()


# -- posts & comments ------------------------------------------------------------

def recent_posts(limit=20):
    return get_db().execute("SELECT id, title, author, created FROM posts ORDER BY created DESC LIMIT ?", (limit,)).fetchall()


def get_post(post_id):
    return get_db().execute("SELECT id, title, body, author, created FROM posts WHERE id = ?", (post_id,)).fetchone()


def search_posts(term):
    sql = "SELECT id, title, substr(body, 1, 200) AS excerpt FROM posts WHERE title LIKE '%" + term + "%' OR body LIKE '%" + term + "%' ORDER BY created DESC"
    return get_db().execute(sql).fetchall()  #@vuln CWE-89


def add_comment(post_id, author, body):
    conn = get_db()
    conn.execute("INSERT INTO comments (post_id, author, body) VALUES (%d, '%s', '%s')" % (post_id, author, body))  #@vuln CWE-89
    conn.commit()


def comments_for(post_id):
    return get_db().execute("SELECT author, body, created FROM comments WHERE post_id = ? ORDER BY created", (post_id,)).fetchall()  #@safe
