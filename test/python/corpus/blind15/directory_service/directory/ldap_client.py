from ldap3 import SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars

from . import settings

ATTRS = ["uid", "cn", "mail", "title"]


class DirectoryClient:
    def __init__(self):
        server = Server(settings.LDAP_URL, use_ssl=True)
        self.conn = Connection(server, settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD, auto_bind=True)

    def _entries(self):
        return [e.entry_attributes_as_dict for e in self.conn.entries]

    def find_person(self, uid: str) -> list[dict]:
        self.conn.search(settings.PEOPLE_BASE, f"(&(objectClass=person)(uid={uid}))", SUBTREE, attributes=ATTRS)  #@vuln CWE-90
        return self._entries()

    def find_by_mail(self, mail: str) -> list[dict]:
        flt = "(&(objectClass=person)(mail=%s))" % escape_filter_chars(mail)
        self.conn.search(settings.PEOPLE_BASE, flt, SUBTREE, attributes=ATTRS)  #@safe
        return self._entries()

    def group_members(self, group: str) -> list[str]:
        flt = "(&(objectClass=groupOfNames)(cn=" + group + "))"
        self.conn.search(settings.GROUPS_BASE, flt, SUBTREE, attributes=["member"])  #@vuln CWE-90
        return [m for e in self._entries() for m in e.get("member", [])]
