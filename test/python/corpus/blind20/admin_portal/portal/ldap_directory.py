import ldap
from django.conf import settings
from ldap.filter import escape_filter_chars


def _connection():
    conn = ldap.initialize(settings.AUTH_LDAP_SERVER_URI)
    conn.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)  #@vuln CWE-295
    conn.set_option(ldap.OPT_X_TLS_NEWCTX, 0)
    conn.simple_bind_s(settings.AUTH_LDAP_BIND_DN, settings.AUTH_LDAP_BIND_PASSWORD)
    return conn


def find_person(username: str) -> list:
    conn = _connection()
    flt = f"(&(objectClass=inetOrgPerson)(uid={username}))"
    try:
        return conn.search_s(settings.AUTH_LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "mail", "title"])  #@vuln CWE-90
    finally:
        conn.unbind_s()


def group_members(group: str) -> list[str]:
    conn = _connection()
    flt = "(&(objectClass=groupOfNames)(cn=%s))" % escape_filter_chars(group)
    try:
        results = conn.search_s(settings.AUTH_LDAP_GROUP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["member"])  #@safe
    finally:
        conn.unbind_s()
    members = []
    for _, attrs in results:
        members.extend(m.decode() for m in attrs.get("member", []))
    return members


def is_member(username: str, group: str) -> bool:
    conn = _connection()
    flt = "(&(objectClass=groupOfNames)(cn=" + group + ")(member=uid=" + username + "," + settings.AUTH_LDAP_BASE_DN + "))"
    try:
        return bool(conn.search_s(settings.AUTH_LDAP_GROUP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn"]))  #@vuln CWE-90
    finally:
        conn.unbind_s()
