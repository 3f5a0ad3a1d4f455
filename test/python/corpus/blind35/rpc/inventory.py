"""Inventory backends: MongoDB host documents, the LDAP people directory and
XML exports coming from the old CMDB."""
from functools import lru_cache

import defusedxml.ElementTree as SafeET
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars
from lxml import etree
from pymongo import MongoClient

from common import config


@lru_cache(maxsize=1)
def _mongo():
    return MongoClient(config.MONGO_URI, serverSelectionTimeoutMS=3000)


def _hosts():
    return _mongo()["ops"]["hosts"]


def _clean(doc):
    doc.pop("_id", None)
    return doc


def query_hosts(filter_doc, limit=100):
    # the admin app's "advanced search" sends a ready-made mongo filter
    cursor = _hosts().find(filter_doc).limit(min(int(limit), 500))  #@vuln CWE-943
    return [_clean(d) for d in cursor]


def hosts_matching_owner(owner):
    cursor = _hosts().find({"$where": "this.owner == '" + owner + "'"}).limit(200)  #@vuln CWE-943
    return [_clean(d) for d in cursor]


def hosts_by_tag(tag):
    if not isinstance(tag, str):
        raise ValueError("tag must be a string")
    return [_clean(d) for d in _hosts().find({"tags": tag}).limit(200)]  #@safe


def upsert_host(doc):
    _hosts().update_one({"hostname": str(doc["hostname"])}, {"$set": {
        "owner": str(doc.get("owner", "")), "status": str(doc.get("status", "unknown")),
        "tags": [str(t) for t in doc.get("tags", [])],
    }}, upsert=True)


def _ldap():
    server = Server(config.LDAP_URL, get_info=ALL, connect_timeout=5)
    return Connection(server, config.LDAP_BIND_DN, config.LDAP_BIND_PASSWORD, auto_bind=True)


def ldap_lookup(uid):
    conn = _ldap()
    conn.search(config.LDAP_PEOPLE_BASE, f"(&(objectClass=inetOrgPerson)(uid={uid}))", attributes=["cn", "mail", "title"])  #@vuln CWE-90
    return [e.entry_attributes_as_dict for e in conn.entries]


def ldap_group_members(group):
    conn = _ldap()
    conn.search(config.LDAP_GROUP_BASE, f"(&(objectClass=groupOfNames)(cn={escape_filter_chars(group)}))", attributes=["member"])  #@safe
    return [str(m) for e in conn.entries for m in e.member.values]


def _host_rows(root):
    return [
        {"hostname": n.findtext("name"), "owner": n.findtext("owner") or "", "status": n.get("status", "unknown")}
        for n in root.iter("host")
    ]


def parse_inventory_xml(data: bytes):
    # CMDB exports use entities for the datacenter names, so keep DTD support on
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)  #@vuln CWE-611
    return _host_rows(etree.fromstring(data, parser))


def parse_inventory_safe(data: bytes):
    return _host_rows(SafeET.fromstring(data))  #@safe
