"""Lookups against the corporate LDAP directory (dispatchers and drivers)."""
import logging

import ldap
from ldap.filter import escape_filter_chars
from django.conf import settings

log = logging.getLogger("backoffice.directory")

ATTRS = ["uid", "cn", "mail", "telephoneNumber", "departmentNumber"]

ldap.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)  #@vuln CWE-295
ldap.set_option(ldap.OPT_NETWORK_TIMEOUT, 5)


def _connect():
    conn = ldap.initialize(settings.LDAP_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    return conn


def _decode(entries):
    results = []
    for dn, attrs in entries:
        if dn is None:
            continue
        results.append({key: [v.decode("utf-8", "replace") for v in attrs.get(key, [])] for key in ATTRS} | {"dn": dn})
    return results


def find_dispatcher(username: str) -> list[dict]:
    conn = _connect()
    try:
        query = f"(&(objectClass=inetOrgPerson)(uid={username})(memberOf=cn=dispatch,ou=groups,dc=haulwise,dc=io))"
        entries = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, query, ATTRS)  #@vuln CWE-90
    finally:
        conn.unbind_s()
    return _decode(entries)


def find_by_email(email: str) -> list[dict]:
    conn = _connect()
    try:
        entries = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, "(|(mail=" + email + ")(mailAlternateAddress=" + email + "))", ATTRS)  #@vuln CWE-90
    finally:
        conn.unbind_s()
    return _decode(entries)


def search_by_name(name: str) -> list[dict]:
    conn = _connect()
    try:
        query = "(&(objectClass=inetOrgPerson)(cn=*%s*))" % escape_filter_chars(name)
        entries = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, query, ATTRS, sizelimit=50)  #@safe
    except ldap.SIZELIMIT_EXCEEDED:
        log.info("directory search for %r truncated", name)
        entries = []
    finally:
        conn.unbind_s()
    return _decode(entries)
