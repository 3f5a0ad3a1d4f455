import csv
import io
import os
import pickle

import requests
from ldap3 import SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars

CACHE_PATH = "/tmp/stockroom-staff-sync.cache"


def fetch_hr_feed(url, token):
    resp = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=30, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return list(csv.DictReader(io.StringIO(resp.text)))


class Directory:
    def __init__(self, config):
        server = Server(config["LDAP_URL"], use_ssl=True)
        self.base_dn = config["LDAP_BASE_DN"]
        self.conn = Connection(server, user=config["LDAP_BIND_DN"], password=config["LDAP_BIND_PASSWORD"], auto_bind=True)

    def find_by_email(self, email):
        self.conn.search(self.base_dn, f"(&(objectClass=person)(mail={email}))", search_scope=SUBTREE, attributes=["uid", "cn"])  #@vuln CWE-90
        return list(self.conn.entries)

    def find_by_uid(self, uid):
        self.conn.search(self.base_dn, f"(&(objectClass=person)(uid={escape_filter_chars(uid)}))", search_scope=SUBTREE, attributes=["uid", "cn"])  #@safe
        return list(self.conn.entries)


def load_sync_cache():
    if not os.path.exists(CACHE_PATH):
        return {}
    with open(CACHE_PATH, "rb") as fh:
        return pickle.load(fh)  #@vuln CWE-502


def save_sync_cache(state):
    with open(CACHE_PATH, "wb") as fh:  #@vuln CWE-377
        pickle.dump(state, fh)
