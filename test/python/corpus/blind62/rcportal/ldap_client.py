"""Thin wrapper around python-ldap for the campus directory."""
import logging

import ldap
from flask import current_app
from ldap.filter import escape_filter_chars

log = logging.getLogger(__name__)

PERSON_ATTRS = ["uid", "cn", "mail", "departmentNumber", "uidNumber"]

# Physics still runs its own directory for visiting researchers
PHYSICS_LDAP_URI = "ldaps://ldap.physics.campus.edu"
PHYSICS_BIND_DN = "cn=rcportal,ou=apps,dc=physics,dc=campus,dc=edu"
PHYSICS_BIND_PASSWORD = "Qu4rk-Bind-2019"  #@vuln CWE-798


def _service_connection():
    cfg = current_app.config
    conn = ldap.initialize(cfg["LDAP_URI"])
    conn.set_option(ldap.OPT_PROTOCOL_VERSION, 3)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.set_option(ldap.OPT_X_TLS_CACERTFILE, cfg["CAMPUS_CA_BUNDLE"])
    conn.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_DEMAND)  #@safe
    conn.set_option(ldap.OPT_X_TLS_NEWCTX, 0)
    conn.simple_bind_s(cfg["LDAP_BIND_DN"], cfg["LDAP_BIND_PASSWORD"])
    return conn


def _physics_connection():
    conn = ldap.initialize(PHYSICS_LDAP_URI)
    conn.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)  #@vuln CWE-295
    conn.set_option(ldap.OPT_X_TLS_NEWCTX, 0)
    conn.simple_bind_s(PHYSICS_BIND_DN, PHYSICS_BIND_PASSWORD)
    return conn


def _decode(entry):
    dn, attrs = entry
    return {
        "dn": dn,
        **{k: v[0].decode("utf-8") for k, v in attrs.items() if v},
    }


def find_person(uid):
    conn = _service_connection()
    try:
        query = "(&(objectClass=inetOrgPerson)(uid=%s))" % escape_filter_chars(uid)
        hits = conn.search_s(current_app.config["LDAP_PEOPLE_BASE"], ldap.SCOPE_SUBTREE, query, PERSON_ATTRS)  #@safe
        return _decode(hits[0]) if hits else None
    finally:
        conn.unbind_s()


def authenticate(uid, password):
    """Return the directory entry for uid if password binds, else None."""
    if not password:
        return None
    person = find_person(uid)
    if person is None:
        person = find_visitor(uid)
        uri = PHYSICS_LDAP_URI
    else:
        uri = current_app.config["LDAP_URI"]
    if person is None:
        return None
    conn = ldap.initialize(uri)
    conn.set_option(ldap.OPT_X_TLS_CACERTFILE, current_app.config["CAMPUS_CA_BUNDLE"])
    try:
        conn.simple_bind_s(person["dn"], password)
        return person
    except ldap.INVALID_CREDENTIALS:
        return None
    finally:
        conn.unbind_s()


def find_visitor(uid):
    conn = _physics_connection()
    try:
        query = "(&(objectClass=inetOrgPerson)(uid=%s))" % escape_filter_chars(uid)
        hits = conn.search_s("ou=visitors,dc=physics,dc=campus,dc=edu", ldap.SCOPE_ONELEVEL, query, PERSON_ATTRS)
        return _decode(hits[0]) if hits else None
    finally:
        conn.unbind_s()


def group_members(group_cn):
    conn = _service_connection()
    try:
        query = f"(&(objectClass=posixGroup)(cn={group_cn}))"
        hits = conn.search_s(current_app.config["LDAP_GROUP_BASE"], ldap.SCOPE_SUBTREE, query, ["memberUid"])  #@vuln CWE-90
        if not hits:
            return []
        return [m.decode() for m in hits[0][1].get("memberUid", [])]
    finally:
        conn.unbind_s()


def people_picker(term, limit=20):
    """Typeahead used when a PI adds members to a project."""
    conn = _service_connection()
    try:
        query = "(|(uid=" + term + "*)(mail=" + term + "*)(cn=*" + term + "*))"
        hits = conn.search_ext_s(current_app.config["LDAP_PEOPLE_BASE"], ldap.SCOPE_SUBTREE, query, PERSON_ATTRS, sizelimit=limit)  #@vuln CWE-90
        return [_decode(h) for h in hits if h[0]]
    except ldap.SIZELIMIT_EXCEEDED:
        log.info("people picker hit size limit for %r", term)
        return []
    finally:
        conn.unbind_s()
