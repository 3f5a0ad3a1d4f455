"""Corporate LDAP lookups for the ops desk."""
import logging

import ldap3
from ldap3.core.exceptions import LDAPBindError, LDAPException
from ldap3.utils.conv import escape_filter_chars

from common import config

log = logging.getLogger(__name__)

PERSON_ATTRS = ["cn", "uid", "mail", "telephoneNumber", "department", "title"]


def _server():
    return ldap3.Server(config.LDAP_URL, get_info=ldap3.NONE, connect_timeout=5)


def _service_conn():
    return ldap3.Connection(_server(), user=config.LDAP_BIND_DN, password=config.LDAP_BIND_PASSWORD, auto_bind=True, receive_timeout=10)


def authenticate(username, password):
    if not username or not password:
        return False
    conn = _service_conn()
    conn.search(config.LDAP_BASE_DN, f"(&(objectClass=person)(uid={escape_filter_chars(username)}))", attributes=["uid"])  #@safe
    if len(conn.entries) != 1:
        return False
    user_dn = conn.entries[0].entry_dn
    try:
        ldap3.Connection(_server(), user=user_dn, password=password, auto_bind=True).unbind()
        return True
    except LDAPBindError:
        return False
    except LDAPException:
        log.exception("ldap error during bind for %s", username)
        return False


def search_people(name, department=None):
    flt = f"(&(objectClass=person)(cn=*{name}*))"
    if department:
        flt = f"(&(objectClass=person)(cn=*{name}*)(department={department}))"
    conn = _service_conn()
    conn.search(config.LDAP_BASE_DN, flt, attributes=PERSON_ATTRS, size_limit=50)  #@vuln CWE-90
    people = []
    for entry in conn.entries:
        people.append({attr: str(entry[attr]) if attr in entry else "" for attr in PERSON_ATTRS})
    conn.unbind()
    return people
