import ldap
from ldap.filter import escape_filter_chars
from django.conf import settings


def _connect():
    conn = ldap.initialize(settings.LDAP_SERVER)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    return conn


def ldap_lookup(username):
    """returns (dn, attrs) of the student or None"""
    conn = _connect()
    search_filter = "(&(objectClass=person)(uid=" + username + "))"
    result = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, search_filter, ["cn", "mail"])  #@vuln CWE-90
    conn.unbind_s()
    return result[0] if result else None


def ldap_find_by_mail(email):
    conn = _connect()
    flt = "(&(objectClass=person)(mail=%s))" % escape_filter_chars(email)
    result = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["uid", "cn"])  #@safe
    conn.unbind_s()
    return result[0] if result else None


def ldap_check_password(dn, password):
    if not password:
        return False
    conn = ldap.initialize(settings.LDAP_SERVER)
    try:
        conn.simple_bind_s(dn, password)
        return True
    except ldap.INVALID_CREDENTIALS:
        return False
    finally:
        conn.unbind_s()
