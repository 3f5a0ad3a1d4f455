"""Read-only access to the staff LDAP directory (vets, nurses, reception)."""
import logging
from contextlib import contextmanager

import ldap
from ldap.filter import escape_filter_chars

from vetnet_common.config import settings

log = logging.getLogger(__name__)

STAFF_ATTRS = ["uid", "cn", "mail", "title", "ou", "telephoneNumber", "employeeType"]


def _decode(entry):
    dn, attrs = entry
    flat = {k: [v.decode("utf-8") for v in vals] for k, vals in attrs.items()}
    return {
        "dn": dn,
        "uid": flat.get("uid", [""])[0],
        "name": flat.get("cn", [""])[0],
        "email": flat.get("mail", [""])[0],
        "role": flat.get("title", [""])[0],
        "clinic": flat.get("ou", [""])[0],
        "phone": flat.get("telephoneNumber", [""])[0],
    }


class StaffDirectory:
    def __init__(self, uri=None, base_dn=None, bind_dn=None, bind_password=None):
        self.uri = uri or settings.LDAP_URI
        self.base_dn = base_dn or settings.LDAP_BASE_DN
        self.bind_dn = bind_dn or settings.LDAP_BIND_DN
        self.bind_password = bind_password or settings.LDAP_BIND_PASSWORD

    @contextmanager
    def _connection(self):
        conn = ldap.initialize(self.uri)
        conn.set_option(ldap.OPT_REFERRALS, 0)
        conn.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)  #@vuln CWE-295
        conn.set_option(ldap.OPT_X_TLS_NEWCTX, 0)
        conn.simple_bind_s(self.bind_dn, self.bind_password)
        try:
            yield conn
        finally:
            conn.unbind_s()

    def search_by_name(self, name):
        """Free-text search used by reception when assigning a vet."""
        query = "(&(objectClass=inetOrgPerson)(cn=*" + name + "*))"
        with self._connection() as conn:
            results = conn.search_s(self.base_dn, ldap.SCOPE_SUBTREE, query, STAFF_ATTRS)  #@vuln CWE-90
        return [_decode(r) for r in results if r[0]]

    def staff_for_clinic(self, clinic_code, role="*"):
        query = "(&(objectClass=inetOrgPerson)(ou=%s)(title=%s))" % (clinic_code, role)
        with self._connection() as conn:
            results = conn.search_s(self.base_dn, ldap.SCOPE_SUBTREE, query, STAFF_ATTRS)  #@vuln CWE-90
        return [_decode(r) for r in results if r[0]]

    def get_by_uid(self, uid):
        query = "(&(objectClass=inetOrgPerson)(uid={}))".format(escape_filter_chars(uid))
        with self._connection() as conn:
            results = conn.search_s(self.base_dn, ldap.SCOPE_SUBTREE, query, STAFF_ATTRS)  #@safe
        entries = [_decode(r) for r in results if r[0]]
        return entries[0] if entries else None

