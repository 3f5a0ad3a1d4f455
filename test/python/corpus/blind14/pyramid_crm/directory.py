import ldap
from ldap.filter import escape_filter_chars

from .config import LDAP_BASE_DN, LDAP_BIND_DN, LDAP_BIND_PASSWORD, LDAP_GROUP_DN, LDAP_URI

ldap.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)  #@vuln CWE-295

ATTRS = ["uid", "cn", "mail", "title"]


def _decode(entry: dict) -> dict:
    return {k: [v.decode() for v in vals] for k, vals in entry.items()}


class Directory:
    def __init__(self, uri: str = LDAP_URI):
        self.uri = uri
        self.conn = ldap.initialize(uri)
        self.conn.simple_bind_s(LDAP_BIND_DN, LDAP_BIND_PASSWORD)

    def find_people(self, q: str) -> list[dict]:
        flt = f"(&(objectClass=person)(|(cn=*{q}*)(mail=*{q}*)))"
        results = self.conn.search_s(LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ATTRS)  #@vuln CWE-90
        return [_decode(attrs) for _dn, attrs in results]

    def groups_for(self, uid: str) -> list[str]:
        results = self.conn.search_s(LDAP_GROUP_DN, ldap.SCOPE_SUBTREE, "(memberUid=" + uid + ")", ["cn"])  #@vuln CWE-90
        return [attrs["cn"][0].decode() for _dn, attrs in results]

    def authenticate(self, username: str, password: str) -> dict | None:
        flt = "(&(objectClass=person)(uid=%s))" % escape_filter_chars(username)
        results = self.conn.search_s(LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ATTRS)  #@safe
        if len(results) != 1 or not password:
            return None
        dn, attrs = results[0]
        user_conn = ldap.initialize(self.uri)
        try:
            user_conn.simple_bind_s(dn, password)
        except ldap.INVALID_CREDENTIALS:
            return None
        finally:
            user_conn.unbind_s()
        return _decode(attrs)
