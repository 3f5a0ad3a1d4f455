"""Staff directory lookups against the corporate LDAP."""
import os

from ldap3 import ALL, SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.acme-backoffice.com")
BIND_DN = "cn=svc-backoffice,ou=service,dc=acme,dc=local"
BIND_PASSWORD = "Svc!Ldap#2021"  #@vuln CWE-798|CWE-259
PEOPLE_DN = "ou=people,dc=acme,dc=local"
GROUPS_DN = "ou=groups,dc=acme,dc=local"
ATTRS = ["uid", "mail", "cn", "title", "telephoneNumber"]


def _connect():
    server = Server(LDAP_URL, get_info=ALL, connect_timeout=5)
    return Connection(server, BIND_DN, BIND_PASSWORD, auto_bind=True, receive_timeout=10)


def _entry(e):
    return {a: str(e[a]) for a in ATTRS if a in e}


def find_staff(query):
    conn = _connect()
    try:
        conn.search(PEOPLE_DN, f"(&(objectClass=inetOrgPerson)(|(uid={query})(mail={query}*)(cn=*{query}*)))", SUBTREE, attributes=ATTRS, size_limit=50)  #@vuln CWE-90
        return [_entry(e) for e in conn.entries]
    finally:
        conn.unbind()


def groups_for(uid):
    conn = _connect()
    try:
        member = f"uid={escape_filter_chars(uid)},{PEOPLE_DN}"
        conn.search(GROUPS_DN, f"(&(objectClass=groupOfNames)(member={member}))", SUBTREE, attributes=["cn"])  #@safe
        return [str(e.cn) for e in conn.entries]
    finally:
        conn.unbind()
