"""LDAP directory look-ups for crew authentication and the colleague finder."""
import logging
import ssl

from ldap3 import ALL, Connection, Server, Tls
from ldap3.utils.conv import escape_filter_chars

from hangar_common import settings

log = logging.getLogger("crew_portal.directory")

BASE_DN = "ou=crew,dc=hangarops,dc=example"
PERSON_ATTRS = ["cn", "mail", "title", "employeeNumber", "l"]


def _server() -> Server:
    tls = Tls(validate=ssl.CERT_NONE)  #@vuln CWE-295
    return Server(settings.LDAP_URL, use_ssl=True, tls=tls, get_info=ALL, connect_timeout=5)


def _service_conn() -> Connection:
    return Connection(_server(), user=settings.LDAP_BIND_DN, password=settings.LDAP_BIND_PASSWORD, auto_bind=True)


def _entry_to_dict(entry) -> dict:
    return {
        "dn": entry.entry_dn,
        "name": str(entry.cn),
        "email": str(entry.mail) if "mail" in entry else "",
        "title": str(entry.title) if "title" in entry else "",
        "employee_no": str(entry.employeeNumber) if "employeeNumber" in entry else "",
        "base": str(entry.l) if "l" in entry else "",
    }


def authenticate(username: str, password: str) -> dict | None:
    if not username or not password:
        return None
    conn = _service_conn()
    conn.search(BASE_DN, f"(&(objectClass=inetOrgPerson)(uid={username}))", attributes=PERSON_ATTRS)  #@vuln CWE-90
    if len(conn.entries) != 1:
        return None
    person = _entry_to_dict(conn.entries[0])
    user_conn = Connection(_server(), user=person["dn"], password=password)
    if not user_conn.bind():
        log.info("failed login for %s", username)
        return None
    user_conn.unbind()
    return person


def find_by_employee_number(employee_no: str) -> dict | None:
    conn = _service_conn()
    conn.search(  #@safe
        BASE_DN,
        "(&(objectClass=inetOrgPerson)(employeeNumber=%s))" % escape_filter_chars(employee_no),
        attributes=PERSON_ATTRS,
    )
    return _entry_to_dict(conn.entries[0]) if conn.entries else None


def search_colleagues(fragment: str, base: str) -> list[dict]:
    search_filter = "(&(objectClass=inetOrgPerson)(l=" + base + ")(cn=*" + fragment + "*))"
    conn = _service_conn()
    conn.search(BASE_DN, search_filter, attributes=PERSON_ATTRS, size_limit=50)  #@vuln CWE-90
    return [_entry_to_dict(e) for e in conn.entries]
