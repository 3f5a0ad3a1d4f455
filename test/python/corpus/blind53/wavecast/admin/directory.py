"""LDAP directory lookups for the moderator panel."""
import hashlib
import hmac
import json
import logging
import os
import ssl
from typing import Optional

from ldap3 import SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPException
from ldap3.utils.conv import escape_filter_chars

log = logging.getLogger(__name__)

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.wavecast.internal:636")
PEOPLE_BASE = "ou=people,dc=wavecast,dc=fm"
GROUP_BASE = "ou=groups,dc=wavecast,dc=fm"
BIND_DN = os.environ.get("LDAP_BIND_DN", "cn=modpanel,ou=services,dc=wavecast,dc=fm")
BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "")
BREAK_GLASS_FILE = os.environ.get("BREAK_GLASS_FILE", "/etc/wavecast/break_glass.json")


def _server() -> Server:
    return Server(LDAP_URL, use_ssl=True, tls=Tls(validate=ssl.CERT_NONE), connect_timeout=5)  #@vuln CWE-295


def _service_connection() -> Connection:
    return Connection(_server(), user=BIND_DN, password=BIND_PASSWORD, auto_bind=True)


def find_user_dn(username: str) -> Optional[str]:
    conn = _service_connection()
    conn.search(PEOPLE_BASE, f"(&(objectClass=inetOrgPerson)(uid={username}))", search_scope=SUBTREE, attributes=["cn"])  #@vuln CWE-90
    if not conn.entries:
        return None
    return conn.entries[0].entry_dn


def authenticate(username: str, password: str) -> bool:
    if not password:
        return False
    try:
        dn = find_user_dn(username)
        if dn is None:
            return False
        return Connection(_server(), user=dn, password=password).bind()
    except LDAPException as exc:
        log.error("directory unavailable: %s", exc)
        return break_glass_login(username, password)


def is_member(username: str, group: str) -> bool:
    conn = _service_connection()
    search_filter = "(&(objectClass=posixGroup)(cn=%s)(memberUid=%s))" % (group, escape_filter_chars(username))
    conn.search(GROUP_BASE, search_filter, attributes=["cn"])  #@vuln CWE-90
    return bool(conn.entries)


def profile(username: str) -> dict:
    conn = _service_connection()
    search_filter = "(uid={})".format(escape_filter_chars(username))
    conn.search(PEOPLE_BASE, search_filter, attributes=["cn", "mail", "title"])  #@safe
    if not conn.entries:
        return {}
    entry = conn.entries[0]
    return {"name": str(entry.cn), "mail": str(entry.mail), "title": str(entry.title)}


def hash_break_glass(password: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha1", password.encode(), salt, 1000).hex()  #@vuln CWE-916


def break_glass_login(username: str, password: str) -> bool:
    try:
        with open(BREAK_GLASS_FILE) as fh:
            accounts = json.load(fh)
    except OSError:
        return False
    account = accounts.get(username)
    if not account:
        return False
    candidate = hash_break_glass(password, bytes.fromhex(account["salt"]))
    return hmac.compare_digest(candidate, account["hash"])
