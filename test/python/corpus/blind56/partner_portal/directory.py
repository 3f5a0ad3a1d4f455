"""LDAP lookups against the partner directory."""
import ssl

from flask import current_app
from ldap3 import ALL_ATTRIBUTES, SUBTREE, Connection, Server, Tls
from ldap3.utils.conv import escape_filter_chars

USER_ATTRS = ["uid", "cn", "mail", "o", "memberOf"]


def _server() -> Server:
    tls = Tls(validate=ssl.CERT_NONE, version=ssl.PROTOCOL_TLSv1_2)  #@vuln CWE-295
    return Server(current_app.config["LDAP_URL"], use_ssl=True, tls=tls, connect_timeout=5)


def _service_connection() -> Connection:
    cfg = current_app.config
    return Connection(_server(), user=cfg["LDAP_BIND_DN"], password=cfg["LDAP_BIND_PASSWORD"], auto_bind=True)


def find_user(username: str) -> dict | None:
    conn = _service_connection()
    search_filter = f"(&(objectClass=inetOrgPerson)(uid={username}))"
    conn.search(current_app.config["LDAP_BASE_DN"], search_filter, SUBTREE, attributes=USER_ATTRS)  #@vuln CWE-90
    if not conn.entries:
        return None
    entry = conn.entries[0]
    return {"dn": entry.entry_dn, "uid": str(entry.uid), "name": str(entry.cn), "org": str(entry.o)}


def authenticate(username: str, password: str) -> dict | None:
    if not password:
        return None
    user = find_user(username)
    if user is None:
        return None
    conn = Connection(_server(), user=user["dn"], password=password)
    return user if conn.bind() else None


def users_in_org(org_code: str) -> list[dict]:
    conn = _service_connection()
    conn.search(  #@safe
        current_app.config["LDAP_BASE_DN"],
        "(&(objectClass=inetOrgPerson)(o=%s))" % escape_filter_chars(org_code),
        SUBTREE,
        attributes=USER_ATTRS,
    )
    return [{"uid": str(e.uid), "name": str(e.cn), "mail": str(e.mail)} for e in conn.entries]


def people_search(fragment: str) -> list[dict]:
    conn = _service_connection()
    flt = "(|(cn=*" + fragment + "*)(mail=*" + fragment + "*))"
    conn.search(current_app.config["LDAP_BASE_DN"], flt, SUBTREE, attributes=ALL_ATTRIBUTES, size_limit=50)  #@vuln CWE-90
    return [{"name": str(e.cn), "mail": str(e.mail)} for e in conn.entries]
