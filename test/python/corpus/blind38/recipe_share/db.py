import sqlite3
from flask import g

import config

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE NOT NULL,
    email TEXT,
    password TEXT NOT NULL,
    bio TEXT DEFAULT '',
    is_admin INTEGER DEFAULT 0,
    reset_token TEXT
);
CREATE TABLE IF NOT EXISTS recipes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    ingredients TEXT,
    steps TEXT,
    tags TEXT,
    image TEXT,
    created TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipe_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    body TEXT,
    created TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
"""


def get_db():
    db = getattr(g, "_database", None)
    if db is None:
        db = g._database = sqlite3.connect(config.DATABASE)
        db.row_factory = sqlite3.Row
    return db


def close_db(e=None):
    db = getattr(g, "_database", None)
    if db is not None:
        db.close()


def init_db():
    conn = sqlite3.connect(config.DATABASE)
    conn.executescript(SCHEMA)
    conn.commit()
    conn.close()


# ---------- users ----------

def get_user_by_name(username):
    cur = get_db().execute("SELECT * FROM users WHERE username = '%s'" % username)  #@vuln CWE-89
    return cur.fetchone()


def get_user_by_id(user_id):
    cur = get_db().execute("SELECT * FROM users WHERE id = ?", (user_id,))  #@safe
    return cur.fetchone()


def get_user_by_token(token):
    if not token:
        return None
    cur = get_db().execute("SELECT * FROM users WHERE reset_token = ?", (token,))
    return cur.fetchone()


def create_user(username, email, pw_hash):
    db = get_db()
    db.execute("INSERT INTO users (username, email, password) VALUES (?, ?, ?)", (username, email, pw_hash))  #@safe
    db.commit()


def set_reset_token(user_id, token):
    db = get_db()
    db.execute("UPDATE users SET reset_token = ? WHERE id = ?", (token, user_id))
    db.commit()


def update_password(username, pw_hash):
    db = get_db()
    db.execute("UPDATE users SET password = '{}', reset_token = NULL WHERE username = '{}'".format(pw_hash, username))  #@vuln CWE-89
    db.commit()


def update_bio(user_id, bio):
    db = get_db()
    db.execute("UPDATE users SET bio = ? WHERE id = ?", (bio, user_id))
    db.commit()


# ---------- recipes ----------

def get_recipe(recipe_id):
    cur = get_db().execute(f"SELECT r.*, u.username FROM recipes r JOIN users u ON u.id = r.author_id WHERE r.id = {recipe_id}")  #@vuln CWE-89
    return cur.fetchone()


def search_recipes(term, sort="created"):
    # old search, TODO use FTS5 maybe
    sql = "SELECT id, title, image FROM recipes WHERE title LIKE '%" + term + "%' OR ingredients LIKE '%" + term + "%'"
    sql += " ORDER BY " + sort
    return get_db().execute(sql).fetchall()  #@vuln CWE-89


def recipes_by_tag(tag):
    # tags are stored comma separated, yes i know
    return get_db().execute("SELECT id, title, image FROM recipes WHERE tags LIKE ?", ("%" + tag + "%",)).fetchall()  #@safe


SORT_COLUMNS = {"new": "created DESC", "old": "created ASC", "title": "title COLLATE NOCASE"}


def latest_recipes(sort_key="new", limit=20):
    order = SORT_COLUMNS.get(sort_key, "created DESC")
    return get_db().execute("SELECT id, title, image FROM recipes ORDER BY %s LIMIT %d" % (order, int(limit))).fetchall()  #@safe


def add_recipe(author_id, title, ingredients, steps, tags, image):
    db = get_db()
    cur = db.execute(
        "INSERT INTO recipes (author_id, title, ingredients, steps, tags, image) VALUES (?, ?, ?, ?, ?, ?)",
        (author_id, title, ingredients, steps, tags, image),
    )
    db.commit()
    return cur.lastrowid


def delete_recipe(recipe_id, user_id):
    db = get_db()
    db.execute("DELETE FROM recipes WHERE id = " + recipe_id + " AND author_id = " + str(user_id))  #@vuln CWE-89
    db.commit()


def recipes_for_user(user_id):
    return get_db().execute("SELECT id, title FROM recipes WHERE author_id = ?", (user_id,)).fetchall()


# ---------- comments ----------

def add_comment(recipe_id, user_id, body):
    db = get_db()
    db.execute("INSERT INTO comments (recipe_id, user_id, body) VALUES (%s, %s, '%s')" % (recipe_id, user_id, body))  #@vuln CWE-89
    db.commit()


def get_comments(recipe_id):
    sql = "SELECT c.body, c.created, u.username FROM comments c JOIN users u ON u.id = c.user_id WHERE c.recipe_id = ? ORDER BY c.created"
    return get_db().execute(sql, (recipe_id,)).fetchall()
