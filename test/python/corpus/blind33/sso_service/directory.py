"""LDAP directory access for the SSO service (ldap3)."""
import logging
import ssl

from ldap3 import ALL, SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPBindError, LDAPException
from ldap3.utils.conv import escape_filter_chars

from common import settings

log = logging.getLogger(__name__)

_tls = Tls(validate=ssl.CERT_NONE, version=ssl.PROTOCOL_TLSv1_2)  #@vuln CWE-295
_server = Server(settings.LDAP_URI, use_ssl=True, tls=_tls, get_info=ALL, connect_timeout=5)

USER_ATTRS = ["uid", "cn", "mail", "givenName", "sn", "memberOf", "employeeNumber", "departmentNumber"]


def service_connection():
    return Connection(_server, user=settings.LDAP_BIND_DN, password=settings.LDAP_BIND_PASSWORD, auto_bind=True, read_only=True, receive_timeout=10)


def _entry_to_dict(entry):
    data = entry.entry_attributes_as_dict
    return {
        "dn": entry.entry_dn,
        "uid": (data.get("uid") or [None])[0],
        "name": (data.get("cn") or [""])[0],
        "email": (data.get("mail") or [""])[0],
        "groups": [g.split(",")[0].split("=")[1] for g in data.get("memberOf", [])],
    }


def lookup_user(uid):
    conn = service_connection()
    try:
        search_filter = "(&(objectClass=inetOrgPerson)(uid=%s))" % escape_filter_chars(uid)
        conn.search(settings.LDAP_BASE_DN, search_filter, SUBTREE, attributes=USER_ATTRS)  #@safe
        if len(conn.entries) != 1:
            return None
        return _entry_to_dict(conn.entries[0])
    finally:
        conn.unbind()


def search_people(query):
    """Autocomplete for the colleague picker in the portal."""
    conn = service_connection()
    try:
        conn.search(settings.LDAP_BASE_DN, f"(&(objectClass=inetOrgPerson)(|(cn=*{query}*)(mail=*{query}*)))", SUBTREE, attributes=["uid", "cn", "mail"], size_limit=25)  #@vuln CWE-90
        return [_entry_to_dict(e) for e in conn.entries]
    finally:
        conn.unbind()


def group_members(group_cn):
    conn = service_connection()
    try:
        conn.search(settings.LDAP_GROUP_DN, "(&(objectClass=groupOfNames)(cn=" + group_cn + "))", SUBTREE, attributes=["member"])  #@vuln CWE-90
        members = []
        for entry in conn.entries:
            members.extend(str(m) for m in entry.member.values)
        return members
    finally:
        conn.unbind()


def authenticate(uid, password):
    """Bind as the user; returns the user dict or None."""
    if not uid or not password:
        return None
    user = lookup_user(uid)
    if user is None:
        return None
    try:
        conn = Connection(_server, user=user["dn"], password=password, auto_bind=True, receive_timeout=10)
        conn.unbind()
    except LDAPBindError:
        log.info("bad credentials for %s", uid)
        return None
    except LDAPException:
        log.exception("LDAP error while authenticating %s", uid)
        return None
    return user
