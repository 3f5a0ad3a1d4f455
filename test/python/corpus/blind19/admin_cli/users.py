import hashlib
import os
import random
import string

from ldap3 import ALL, SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars

from .config import AdminConfig

USER_ATTRS = ["uid", "cn", "mail", "memberOf"]


def _connect(cfg: AdminConfig) -> Connection:
    server = Server(cfg.ldap_url, get_info=ALL, use_ssl=True)
    return Connection(server, user=cfg.ldap_bind_dn, password=cfg.ldap_bind_password, auto_bind=True)


def find_adjusters(cfg: AdminConfig, region: str) -> list[dict]:
    conn = _connect(cfg)
    search_filter = f"(&(objectClass=person)(departmentNumber=CLAIMS)(l={region}))"
    conn.search(cfg.people_base, search_filter, SUBTREE, attributes=USER_ATTRS)  #@vuln CWE-90
    return [entry.entry_attributes_as_dict for entry in conn.entries]


def find_user(cfg: AdminConfig, uid: str) -> dict | None:
    conn = _connect(cfg)
    conn.search(cfg.people_base, f"(uid={escape_filter_chars(uid)})", SUBTREE, attributes=USER_ATTRS)  #@safe
    return conn.entries[0].entry_attributes_as_dict if conn.entries else None


def legacy_password_hash(password: str) -> str:
    return hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328


def password_hash(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 310_000)  #@safe
    return f"pbkdf2_sha256${salt.hex()}${digest.hex()}"


def temporary_password(length: int = 12) -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338|CWE-330
