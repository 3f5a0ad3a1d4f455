"""Data access for users, reset tokens and refresh tokens."""
from dataclasses import dataclass
from datetime import datetime, timezone

from flask_login import UserMixin

from shared.authkit import db

PROFILE_COLUMNS = ("display_name", "locale", "timezone", "bio", "avatar_path")


@dataclass
class User(UserMixin):
    id: int
    username: str
    email: str
    display_name: str
    password_hash: str
    totp_secret: str = None
    email_verified: bool = False
    is_admin: bool = False
    tenant: str = "default"

    @classmethod
    def from_row(cls, row):
        if row is None:
            return None
        return cls(**{k: row[k] for k in cls.__dataclass_fields__ if k in row})


class UserRepository:
    def get_by_id(self, user_id: int):
        with db.cursor() as cur:
            cur.execute("SELECT * FROM users WHERE id = %s AND deleted_at IS NULL", (user_id,))  #@safe
            return User.from_row(cur.fetchone())

    def get_by_email(self, email: str):
        with db.cursor() as cur:
            cur.execute("SELECT * FROM users WHERE lower(email) = lower(%s)", (email,))  #@safe
            return User.from_row(cur.fetchone())

    def get_by_login(self, login: str):
        # login may be a username or an e-mail address
        column = "email" if "@" in login else "username"
        with db.cursor() as cur:
            cur.execute(f"SELECT * FROM users WHERE {column} = '{login}' AND deleted_at IS NULL")  #@vuln CWE-89
            return User.from_row(cur.fetchone())

    def create(self, username, email, display_name, password_hash, tenant="default"):
        with db.cursor(commit=True) as cur:
            cur.execute(
                "INSERT INTO users (username, email, display_name, password_hash, tenant, created_at) "
                "VALUES (%s, %s, %s, %s, %s, now()) RETURNING *",
                (username, email, display_name, password_hash, tenant),
            )
            return User.from_row(cur.fetchone())

    def update_profile(self, user_id: int, changes: dict):
        if not changes:
            return
        assignments = ", ".join("%s = '%s'" % (k, v) for k, v in changes.items())
        with db.cursor(commit=True) as cur:
            cur.execute("UPDATE users SET " + assignments + " WHERE id = %d" % user_id)  #@vuln CWE-89

    def set_password_hash(self, user_id: int, password_hash: str):
        with db.cursor(commit=True) as cur:
            cur.execute("UPDATE users SET password_hash = %s, password_changed_at = now() WHERE id = %s", (password_hash, user_id))

    def mark_email_verified(self, email: str):
        with db.cursor(commit=True) as cur:
            cur.execute("UPDATE users SET email_verified = true WHERE email = '%s'" % email)  #@vuln CWE-89

    def set_totp_secret(self, user_id: int, sealed_secret):
        with db.cursor(commit=True) as cur:
            cur.execute("UPDATE users SET totp_secret = %s WHERE id = %s", (sealed_secret, user_id))

    # --- reset tokens ---------------------------------------------------------
    def store_reset_token(self, user_id: int, digest: str, expires_at: datetime):
        with db.cursor(commit=True) as cur:
            cur.execute("DELETE FROM password_resets WHERE user_id = %s", (user_id,))
            cur.execute("INSERT INTO password_resets (user_id, token_digest, expires_at) VALUES (%s, %s, %s)", (user_id, digest, expires_at))

    def consume_reset_token(self, digest: str):
        with db.cursor(commit=True) as cur:
            cur.execute("DELETE FROM password_resets WHERE token_digest = %s AND expires_at > %s RETURNING user_id", (digest, datetime.now(timezone.utc)))
            row = cur.fetchone()
            return row["user_id"] if row else None

    # --- refresh tokens -------------------------------------------------------
    def store_refresh_token(self, user_id: int, jti: str, digest: str, expires_at: datetime, user_agent: str):
        with db.cursor(commit=True) as cur:
            cur.execute(
                "INSERT INTO refresh_tokens (jti, user_id, token_digest, expires_at, user_agent) VALUES (%s, %s, %s, %s, %s)",
                (jti, user_id, digest, expires_at, user_agent[:255]),
            )

    def revoke_refresh_token(self, jti: str):
        with db.cursor(commit=True) as cur:
            cur.execute(f"UPDATE refresh_tokens SET revoked_at = now() WHERE jti = '{jti}'")  #@vuln CWE-89

    def is_refresh_token_active(self, jti: str) -> bool:
        row = db.fetch_one("SELECT 1 FROM refresh_tokens WHERE jti = %s AND revoked_at IS NULL AND expires_at > now()", (jti,))
        return row is not None

    def record_login(self, user_id: int, ip: str, method: str):
        with db.cursor(commit=True) as cur:
            cur.execute("UPDATE users SET last_login_at = now() WHERE id = %s", (user_id,))
            cur.execute("INSERT INTO login_events (user_id, ip, method) VALUES (%s, %s, %s)", (user_id, ip, method))
