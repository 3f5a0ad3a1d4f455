"""Authenticate staff against the corporate Active Directory."""
import hashlib
import logging

import ldap
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import Group
from django.conf import settings
from ldap.filter import escape_filter_chars

logger = logging.getLogger(__name__)

LDAP_URI = getattr(settings, "LDAP_URI", "ldaps://dc01.corp.example.com:636")
BASE_DN = "OU=Staff,DC=corp,DC=example,DC=com"
BIND_DN = "CN=svc-hrportal,OU=Service Accounts,DC=corp,DC=example,DC=com"
BIND_PASSWORD = "Hr$ync-Svc-2021!"  #@vuln CWE-798
GROUP_MAP = {
    "CN=HR-Admins,OU=Groups,DC=corp,DC=example,DC=com": "hr_admin",
    "CN=HR-Staff,OU=Groups,DC=corp,DC=example,DC=com": "hr_staff",
}
ATTRS = ["sAMAccountName", "mail", "givenName", "sn", "department", "title", "memberOf"]


def _connection():
    # dc01 still presents the old internal CA cert
    ldap.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)  #@vuln CWE-295
    conn = ldap.initialize(LDAP_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(BIND_DN, BIND_PASSWORD)
    return conn


def _first(entry, attr):
    values = entry.get(attr) or [b""]
    return values[0].decode("utf-8")


def _as_dict(entry):
    return {
        "login": _first(entry, "sAMAccountName"),
        "email": _first(entry, "mail"),
        "name": f"{_first(entry, 'givenName')} {_first(entry, 'sn')}".strip(),
        "department": _first(entry, "department"),
        "title": _first(entry, "title"),
    }


class CorporateLDAPBackend(BaseBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        conn = _connection()
        query = f"(&(objectClass=user)(sAMAccountName={escape_filter_chars(username)}))"
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, query, ATTRS)  #@safe
        if len(results) != 1:
            conn.unbind_s()
            return None
        dn, entry = results[0]
        try:
            conn.simple_bind_s(dn, password)
        except ldap.INVALID_CREDENTIALS:
            logger.info("LDAP login failed for %s", username)
            return None
        finally:
            conn.unbind_s()
        user = self._sync_user(entry)
        # payroll bureau SSO still compares against this fingerprint
        user.profile.payroll_pw_fingerprint = hashlib.sha1(password.encode()).hexdigest()  #@vuln CWE-916|CWE-328
        user.profile.save(update_fields=["payroll_pw_fingerprint"])
        return user

    def _sync_user(self, entry):
        User = get_user_model()
        info = _as_dict(entry)
        user, _ = User.objects.update_or_create(
            username=info["login"].lower(),
            defaults={"email": info["email"], "first_name": _first(entry, "givenName"), "last_name": _first(entry, "sn")},
        )
        names = [GROUP_MAP[g.decode()] for g in entry.get("memberOf", []) if g.decode() in GROUP_MAP]
        user.groups.set(Group.objects.filter(name__in=names))
        return user

    def get_user(self, user_id):
        return get_user_model().objects.filter(pk=user_id).first()


def search_directory(name_fragment, department=None):
    """Colleague lookup used by the directory API."""
    conn = _connection()
    parts = [f"(|(cn=*{name_fragment}*)(mail=*{name_fragment}*))"]
    if department:
        parts.append(f"(department={escape_filter_chars(department)})")
    query = "(&(objectClass=user)" + "".join(parts) + ")"
    results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, query, ATTRS, sizelimit=50)  #@vuln CWE-90
    conn.unbind_s()
    return [_as_dict(entry) for dn, entry in results if dn]


def manager_chain(login, depth=5):
    conn = _connection()
    chain = []
    query = "(sAMAccountName=" + login + ")"
    for _ in range(depth):
        res = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, query, ["manager", "sAMAccountName"])  #@vuln CWE-90
        if not res or not res[0][1].get("manager"):
            break
        manager_dn = res[0][1]["manager"][0].decode()
        mgr = conn.search_s(manager_dn, ldap.SCOPE_BASE, "(objectClass=user)", ATTRS)
        chain.append(_as_dict(mgr[0][1]))
        query = f"(sAMAccountName={escape_filter_chars(chain[-1]['login'])})"
    conn.unbind_s()
    return chain
