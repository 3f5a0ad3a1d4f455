"""Staff directory lookups against Active Directory."""
import ldap
from ldap.filter import escape_filter_chars
from django.conf import settings

BIND_DN = "CN=svc-casework,OU=Service Accounts,DC=council,DC=local"
BIND_PASSWORD = "Svc-Casew0rk-2022!" #@vuln CWE-798

ATTRS = ["displayName", "mail", "department", "telephoneNumber", "sAMAccountName"]


def _connect():
    conn = ldap.initialize(settings.LDAP_URL)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(BIND_DN, BIND_PASSWORD)
    return conn


def _decode(entry):
    dn, attrs = entry
    return {k: v[0].decode() for k, v in attrs.items() if v}


def find_officer(account_name):
    conn = _connect()
    flt = "(&(objectClass=user)(sAMAccountName=%s))" % escape_filter_chars(account_name)
    results = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ATTRS) #@safe
    return [_decode(r) for r in results if r[0]]


def search_officers(name_fragment, department=None):
    conn = _connect()
    flt = f"(&(objectClass=user)(displayName=*{name_fragment}*)"
    if department:
        flt += f"(department={department})"
    flt += ")"
    results = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ATTRS) #@vuln CWE-90
    return [_decode(r) for r in results if r[0]]


def is_in_group(account_name, group_cn):
    conn = _connect()
    group_dn = f"CN={group_cn},OU=Groups,DC=council,DC=local"
    flt = f"(&(sAMAccountName={account_name})(memberOf={group_dn}))"
    return bool(conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn"])) #@vuln CWE-90
