"""Business logic for the catalog viewsets (kept out of views.py so the
import jobs can reuse it)."""
import ipaddress
import logging
import os
import socket
from decimal import Decimal
from urllib.parse import urlparse

import ldap
import ldap.filter
import requests
from defusedxml import ElementTree as SafeET
from django.conf import settings
from lxml import etree

from common import shell
from common.config import LDAP_BASE_DN, LDAP_BIND_DN, LDAP_BIND_PASSWORD, LDAP_URL, TRUSTED_MEDIA_HOSTS

log = logging.getLogger(__name__)


def _ldap():
    conn = ldap.initialize(LDAP_URL)
    conn.simple_bind_s(LDAP_BIND_DN, LDAP_BIND_PASSWORD)
    return conn


def find_supplier_contacts(uid):
    conn = _ldap()
    query = "(&(objectClass=inetOrgPerson)(uid=%s))" % uid
    return conn.search_s(LDAP_BASE_DN, ldap.SCOPE_SUBTREE, query, ["cn", "mail", "telephoneNumber"])  #@vuln CWE-90


def find_supplier_by_code(code):
    conn = _ldap()
    query = "(&(objectClass=organization)(o=%s))" % ldap.filter.escape_filter_chars(code)
    return conn.search_s(LDAP_BASE_DN, ldap.SCOPE_ONELEVEL, query, ["o", "mail"])  #@safe


def download_image(url):
    resp = requests.get(url, timeout=10, stream=True)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content


def _public_host(hostname):
    try:
        addr = ipaddress.ip_address(socket.gethostbyname(hostname))
    except (socket.gaierror, ValueError):
        return False
    return addr.is_global


def download_trusted_image(url):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in TRUSTED_MEDIA_HOSTS or not _public_host(parsed.hostname):
        raise ValueError("image host not allowed")
    resp = requests.get(url, timeout=10, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.content


def store_and_thumbnail(product, content, size):
    os.makedirs(settings.THUMB_ROOT, exist_ok=True)
    src = os.path.join(settings.MEDIA_ROOT, "%s.orig" % product.sku)
    with open(src, "wb") as fh:
        fh.write(content)
    dst = os.path.join(settings.THUMB_ROOT, "%s-%s.jpg" % (product.pk, size))
    shell.make_thumbnail(src, dst, size)
    return dst


def parse_supplier_feed(raw_xml):
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    root = etree.fromstring(raw_xml, parser=parser)  #@vuln CWE-611
    return [
        {"sku": item.findtext("sku"), "name": item.findtext("name"), "price": item.findtext("price")}
        for item in root.iter("item")
    ]


def parse_price_list(raw_xml):
    root = SafeET.fromstring(raw_xml)  #@safe
    return {row.get("sku"): Decimal(row.get("price")) for row in root.iter("row")}


def quote_price(product, quantity, rule=None):
    rule = rule or product.pricing_rule or "price * qty"
    env = {"price": float(product.price), "qty": quantity, "min": min, "max": max}
    total = eval(rule, {"__builtins__": {}}, env)  #@vuln CWE-95
    return round(Decimal(str(total)), 2)
