"""Internal admin panel for support staff (customers, notes, audit log)."""
import hashlib
import os
import sqlite3
from datetime import timedelta
from pathlib import Path

from flask import Flask, g
from flask_login import LoginManager, UserMixin

BASE = Path(os.environ.get("ADMIN_DATA", "/var/lib/orderly-admin"))

app = Flask(__name__)
app.secret_key = "orderly-admin-2f9b7c61d0"  #@vuln CWE-798
app.config["DATABASE"] = str(BASE / "admin.db")
app.config["UPLOAD_FOLDER"] = str(BASE / "uploads")
app.config["LOG_DIR"] = str(BASE / "logs")
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024
app.config["SESSION_COOKIE_HTTPONLY"] = True
app.config["SESSION_COOKIE_SECURE"] = False  #@vuln CWE-614
app.config["REMEMBER_COOKIE_DURATION"] = timedelta(days=14)
app.config["LDAP_URL"] = os.environ.get("ADMIN_LDAP_URL", "ldap://ldap.orderly.internal")
app.config["LDAP_BIND_DN"] = os.environ.get("ADMIN_LDAP_BIND_DN", "cn=admin-panel,ou=services,dc=orderly,dc=io")
app.config["LDAP_BIND_PASSWORD"] = os.environ.get("ADMIN_LDAP_BIND_PASSWORD", "")

login_manager = LoginManager(app)
login_manager.login_view = "login"


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


class AdminUser(UserMixin):
    def __init__(self, row: sqlite3.Row):
        self.id = str(row["id"])
        self.username = row["username"]
        self.role = row["role"]

    @property
    def is_superuser(self) -> bool:
        return self.role == "superuser"


@login_manager.user_loader
def load_user(user_id: str):
    row = get_db().execute("SELECT id, username, role FROM admins WHERE id = ? AND disabled = 0", (user_id,)).fetchone()  #@safe
    return AdminUser(row) if row else None


def hash_pw(password: str, salt: str) -> str:
    return hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916|CWE-328


from admin_panel import views  # noqa: E402,F401

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5001")), debug=True)  #@vuln CWE-489|CWE-215
