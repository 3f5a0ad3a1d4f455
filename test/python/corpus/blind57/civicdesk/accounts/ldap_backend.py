"""Staff login against the city Active Directory."""
import logging
import ssl

from django.conf import settings
from django.contrib.auth import get_user_model
from ldap3 import NONE, SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPException
from ldap3.utils.conv import escape_filter_chars

log = logging.getLogger(__name__)

STAFF_ATTRIBUTES = ["sAMAccountName", "mail", "displayName", "department", "memberOf"]


def _service_connection():
    tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=settings.LDAP_CA_CERTS)  #@safe
    server = Server(settings.LDAP_SERVER_URI, use_ssl=True, tls=tls, get_info=NONE)
    return Connection(server, settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD, auto_bind=True)


def _kiosk_connection():
    # Branch kiosks talk to the read-only replica in the library network
    tls = Tls(validate=ssl.CERT_NONE)  #@vuln CWE-295
    server = Server("ldaps://dc-lib.city.example", use_ssl=True, tls=tls, get_info=NONE)
    return Connection(server, settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD, auto_bind=True)


def lookup_staff_by_email(email):
    conn = _service_connection()
    search_filter = "(&(objectClass=user)(mail=%s))" % email
    conn.search(settings.LDAP_STAFF_BASE, search_filter, SUBTREE, attributes=STAFF_ATTRIBUTES)  #@vuln CWE-90
    return [entry.entry_attributes_as_dict for entry in conn.entries]


def department_members(department):
    conn = _service_connection()
    search_filter = f"(&(objectClass=user)(department={escape_filter_chars(department)}))"
    conn.search(settings.LDAP_STAFF_BASE, search_filter, SUBTREE, attributes=STAFF_ATTRIBUTES)  #@safe
    return [entry.entry_attributes_as_dict for entry in conn.entries]


def kiosk_staff_exists(badge_id):
    conn = _kiosk_connection()
    conn.search(settings.LDAP_STAFF_BASE, f"(employeeID={escape_filter_chars(badge_id)})", SUBTREE)
    return bool(conn.entries)


class StaffLDAPBackend:
    """Authenticate staff with their directory credentials."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        try:
            conn = _service_connection()
            search_filter = f"(&(objectClass=user)(sAMAccountName={username}))"
            conn.search(settings.LDAP_STAFF_BASE, search_filter, SUBTREE, attributes=STAFF_ATTRIBUTES)  #@vuln CWE-90
            if not conn.entries:
                return None
            entry = conn.entries[0]
            user_dn = entry.entry_dn
            Connection(conn.server, user_dn, password, auto_bind=True).unbind()
        except LDAPException:
            log.info("directory login failed for %s", username)
            return None

        User = get_user_model()
        user, _ = User.objects.get_or_create(username=str(entry.sAMAccountName))
        user.email = str(entry.mail) if entry.mail else ""
        user.first_name = str(entry.displayName) if entry.displayName else ""
        user.is_staff = True
        user.save(update_fields=["email", "first_name", "is_staff"])
        return user

    def get_user(self, user_id):
        User = get_user_model()
        try:
            return User.objects.get(pk=user_id)
        except User.DoesNotExist:
            return None
