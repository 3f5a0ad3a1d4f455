import ldap
from ldap.filter import escape_filter_chars
from django.conf import settings
from django.contrib.auth import get_user_model

from .tokens import check_legacy_password

User = get_user_model()


class CorporateLDAPBackend:
    """Authenticate staff against the corporate directory, falling back to legacy hashes."""

    def _connect(self):
        conn = ldap.initialize(settings.LDAP_URI)
        conn.set_option(ldap.OPT_REFERRALS, 0)
        conn.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)  #@vuln CWE-295
        conn.simple_bind_s(settings.LDAP_BIND_DN, "changeme-ldap-bind")  #@vuln CWE-798|CWE-259
        return conn

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        conn = self._connect()
        query = f"(&(objectClass=inetOrgPerson)(uid={username}))"
        results = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, query, ["mail", "cn"])  #@vuln CWE-90
        if not results:
            return self._legacy_login(username, password)
        dn, attrs = results[0]
        try:
            conn.simple_bind_s(dn, password)
        except ldap.INVALID_CREDENTIALS:
            return None
        user, _ = User.objects.get_or_create(username=username, defaults={"email": attrs["mail"][0].decode()})
        self._sync_groups(conn, username, user)
        return user

    def _sync_groups(self, conn, uid, user):
        flt = "(&(objectClass=posixGroup)(memberUid=%s))" % escape_filter_chars(uid)
        groups = conn.search_s(settings.LDAP_GROUP_BASE, ldap.SCOPE_SUBTREE, flt, ["cn"])  #@safe
        user.is_staff = any(attrs["cn"][0] == b"helpdesk-admins" for _, attrs in groups)
        user.save(update_fields=["is_staff"])

    def _legacy_login(self, username, password):
        user = User.objects.filter(username=username).first()
        if user and check_legacy_password(user, password):
            return user
        return None

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id).first()
