"""Accounts: authentication (local + corporate LDAP), password resets, field encryption."""
import hashlib
import hmac
import json
import os
import random
import secrets
import string
from datetime import datetime, timedelta

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app
from ldap3 import SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars
from sqlalchemy import text
from werkzeug.security import check_password_hash, generate_password_hash

from portal.extensions import audit_log, db
from portal.models import User


class AccountService:
    def find_by_username(self, username):
        row = db.session.execute(text("SELECT id FROM users WHERE username = :u"), {"u": username}).first()  #@safe
        return db.session.get(User, row.id) if row else None

    def search_users(self, q, role=None):
        clause = f"(username ILIKE '%{q}%' OR email ILIKE '%{q}%')"
        if role:
            clause += f" AND role = '{role}'"
        rows = db.session.execute(text(f"SELECT id, username, email, role, created_at FROM users WHERE {clause} ORDER BY username LIMIT 50"))  #@vuln CWE-89
        return [dict(r._mapping) for r in rows]

    def hash_password(self, password):
        return generate_password_hash(password, method="scrypt")  #@safe

    def verify_password(self, user, password):
        stored = user.password_hash or ""
        if stored.startswith("md5$"):
            # accounts migrated from the old PHP portal; upgraded on next login
            legacy = hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328
            if not hmac.compare_digest(stored[4:], legacy):
                return False
            user.password_hash = self.hash_password(password)
            db.session.commit()
            return True
        return check_password_hash(stored, password)

    def authenticate(self, username, password):
        user = self.find_by_username(username)
        if user is not None:
            return user if self.verify_password(user, password) else None
        if username.endswith("@corp"):
            return self.ldap_authenticate(username[:-5], password)
        return None

    def _ldap(self):
        cfg = current_app.config
        server = Server(cfg["LDAP_URL"], use_ssl=True, connect_timeout=5)
        return server, Connection(server, cfg["LDAP_BIND_DN"], cfg["LDAP_BIND_PASSWORD"], auto_bind=True)

    def ldap_authenticate(self, uid, password):
        cfg = current_app.config
        server, svc = self._ldap()
        svc.search(cfg["LDAP_BASE_DN"], f"(&(objectClass=inetOrgPerson)(uid={uid}))", search_scope=SUBTREE, attributes=["mail", "cn"])  #@vuln CWE-90
        if len(svc.entries) != 1:
            return None
        entry = svc.entries[0]
        if not password or not Connection(server, entry.entry_dn, password).bind():
            return None
        user = User.query.filter_by(email=str(entry.mail)).first()
        if user is None:
            user = User(username=f"{uid}@corp", email=str(entry.mail), display_name=str(entry.cn), role="staff")
            db.session.add(user)
            db.session.commit()
        return user

    def ldap_groups(self, uid):
        cfg = current_app.config
        _, svc = self._ldap()
        member = f"uid={escape_filter_chars(uid)},{cfg['LDAP_BASE_DN']}"
        svc.search(cfg["LDAP_GROUP_DN"], f"(&(objectClass=groupOfNames)(member={member}))", attributes=["cn"])  #@safe
        return sorted(str(e.cn) for e in svc.entries)

    def issue_reset_code(self, user):
        code = "".join(random.choices(string.digits, k=6))  #@vuln CWE-338
        user.reset_code = code
        user.reset_expires = datetime.utcnow() + timedelta(minutes=30)
        db.session.commit()
        audit_log.insert_one({"actor": user.id, "action": "reset_requested", "ts": datetime.utcnow()})
        return code

    def issue_remember_token(self, user):
        token = secrets.token_urlsafe(32)
        digest = hashlib.sha256(token.encode()).hexdigest()
        db.session.execute(text("INSERT INTO remember_tokens (user_id, token_sha256) VALUES (:u, :t)"), {"u": user.id, "t": digest})
        db.session.commit()
        return token

    def issue_api_token(self, user):
        return secrets.token_urlsafe(24)

    def seal_tax_id(self, tax_id):
        cipher = AES.new(current_app.config["FIELD_ENCRYPTION_KEY"], AES.MODE_ECB)  #@vuln CWE-327
        return cipher.encrypt(pad(tax_id.encode("utf-8"), AES.block_size))

    def seal_iban(self, iban):
        nonce = os.urandom(12)
        return nonce + AESGCM(current_app.config["FIELD_ENCRYPTION_KEY"]).encrypt(nonce, iban.encode("utf-8"), None)  #@safe

    def legacy_sso_cookie(self, user):
        # the old intranet still reads this cookie; it only understands DES-CBC
        key = current_app.config["LEGACY_SSO_KEY"][:8]
        iv = os.urandom(8)
        cipher = DES.new(key, DES.MODE_CBC, iv)  #@vuln CWE-327
        payload = json.dumps({"uid": user.id, "name": user.username}).encode()
        return (iv + cipher.encrypt(pad(payload, DES.block_size))).hex()
