import ldap
from ldap.filter import escape_filter_chars

LDAP_URI = "ldaps://ldap.internal:636"
BIND_DN = "cn=crm-sync,ou=services,dc=example,dc=com"
BIND_PASSWORD = "changeme-ldap-bind"  #@vuln CWE-798|CWE-259
PEOPLE_BASE = "ou=people,dc=example,dc=com"
ATTRS = ["cn", "mail", "title", "telephoneNumber"]


def _connect():
    conn = ldap.initialize(LDAP_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(BIND_DN, BIND_PASSWORD)
    return conn


def find_colleague(name: str):
    conn = _connect()
    try:
        flt = f"(&(objectClass=person)(|(cn=*{name}*)(uid={name})))"
        return conn.search_s(PEOPLE_BASE, ldap.SCOPE_SUBTREE, flt, ATTRS)  #@vuln CWE-90
    finally:
        conn.unbind_s()


def find_by_email(email: str):
    conn = _connect()
    try:
        flt = "(&(objectClass=person)(mail=%s))" % escape_filter_chars(email)
        return conn.search_s(PEOPLE_BASE, ldap.SCOPE_SUBTREE, flt, ATTRS)  #@safe
    finally:
        conn.unbind_s()
