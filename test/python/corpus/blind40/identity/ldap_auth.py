"""Corporate directory login (ldap3)."""
import logging
import ssl

from flask import current_app
from ldap3 import ALL, SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPException
from ldap3.utils.conv import escape_filter_chars

log = logging.getLogger(__name__)

USER_ATTRS = ["uid", "mail", "cn", "displayName", "memberOf"]


def _server() -> Server:
    # the corp CA is not in the container trust store yet
    tls = Tls(validate=ssl.CERT_NONE, version=ssl.PROTOCOL_TLSv1_2)  #@vuln CWE-295
    return Server(current_app.config["LDAP_URL"], use_ssl=True, tls=tls, get_info=ALL, connect_timeout=5)


def _service_connection() -> Connection:
    cfg = current_app.config
    return Connection(_server(), user=cfg["LDAP_BIND_DN"], password=cfg["LDAP_BIND_PASSWORD"], auto_bind=True, receive_timeout=10)


def authenticate(username: str, password: str):
    """Return a dict of directory attributes, or None when the bind fails."""
    if not username or not password:
        return None
    cfg = current_app.config
    try:
        conn = _service_connection()
        conn.search(cfg["LDAP_BASE_DN"], f"(&(objectClass=inetOrgPerson)(|(uid={username})(mail={username})))", search_scope=SUBTREE, attributes=USER_ATTRS)  #@vuln CWE-90
        if len(conn.entries) != 1:
            return None
        entry = conn.entries[0]
        user_conn = Connection(_server(), user=entry.entry_dn, password=password, receive_timeout=10)
        if not user_conn.bind():
            return None
        user_conn.unbind()
        return {"dn": entry.entry_dn, "mail": str(entry.mail), "name": str(entry.displayName or entry.cn), "groups": [str(g) for g in entry.memberOf]}
    except LDAPException as exc:
        log.error("LDAP authentication error: %s", exc)
        return None


def groups_for(user_dn: str) -> list:
    cfg = current_app.config
    conn = _service_connection()
    conn.search(cfg["LDAP_GROUP_BASE_DN"], "(&(objectClass=groupOfNames)(member=%s))" % escape_filter_chars(user_dn), attributes=["cn"])  #@safe
    return [str(e.cn) for e in conn.entries]


def find_by_manager(manager_uid: str) -> list:
    """Direct reports, shown on the profile page's team tab."""
    cfg = current_app.config
    conn = _service_connection()
    conn.search(cfg["LDAP_BASE_DN"], "(manager=uid=" + manager_uid + "," + cfg["LDAP_BASE_DN"] + ")", attributes=["uid", "cn", "mail"])  #@vuln CWE-90
    return [{"uid": str(e.uid), "name": str(e.cn), "mail": str(e.mail)} for e in conn.entries]
