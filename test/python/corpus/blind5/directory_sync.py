#!/usr/bin/env python3
"""CLI + small Flask endpoint that sync the staff directory from LDAP and HR XML exports."""
import argparse
import sys
import xml.sax
from xml.sax.handler import feature_external_ges

import ldap
from ldap.filter import escape_filter_chars
from lxml import etree
from flask import Flask, jsonify, request
import defusedxml.ElementTree as SafeET

LDAP_URI = "ldaps://ldap.corp.example.com"
BASE_DN = "ou=people,dc=corp,dc=example,dc=com"

api = Flask(__name__)


def ldap_conn():
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s("cn=sync,dc=corp,dc=example,dc=com", "Sync$ecret99")  #@vuln CWE-798|CWE-259
    return conn


def find_user(uid: str):
    conn = ldap_conn()
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(uid={uid})", ["cn", "mail"])  #@vuln CWE-90


def find_user_safe(uid: str):
    conn = ldap_conn()
    flt = "(uid=%s)" % escape_filter_chars(uid)
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "mail"])  #@safe


def find_by_group(group: str, dept: str):
    conn = ldap_conn()
    flt = "(&(memberOf=cn=" + group + ",ou=groups,dc=corp,dc=example,dc=com)(department=" + dept + "))"
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, flt)  #@vuln CWE-90


def parse_hr_export(xml_bytes: bytes):
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)  #@vuln CWE-611
    root = etree.fromstring(xml_bytes, parser)
    return [e.findtext("email") for e in root.iter("employee")]


def parse_hr_export_hardened(xml_bytes: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)  #@safe
    root = etree.fromstring(xml_bytes, parser)
    return [e.findtext("email") for e in root.iter("employee")]


def parse_badge_feed(xml_bytes: bytes):
    root = SafeET.fromstring(xml_bytes)  #@safe
    return [b.get("id") for b in root.iter("badge")]


class BadgeHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.ids = []

    def startElement(self, name, attrs):
        if name == "badge":
            self.ids.append(attrs.get("id"))


def parse_badges_sax(path: str):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    handler = BadgeHandler()
    parser.setContentHandler(handler)
    parser.parse(path)
    return handler.ids


@api.route("/directory/lookup")
def lookup():
    uid = request.args.get("uid", "")
    results = find_user(uid)
    return jsonify([dn for dn, _ in results])


@api.route("/directory/lookup-safe")
def lookup_safe():
    results = find_user_safe(request.args.get("uid", ""))
    return jsonify([dn for dn, _ in results])


@api.route("/directory/group")
def by_group():
    results = find_by_group(request.args["group"], request.args.get("dept", "*"))
    return jsonify([dn for dn, _ in results])


@api.route("/directory/import", methods=["POST"])
def import_hr():
    emails = parse_hr_export(request.get_data())
    return jsonify({"count": len(emails)})


def main(argv=None):
    ap = argparse.ArgumentParser(description="directory sync")
    ap.add_argument("export", help="HR XML export file")
    ap.add_argument("--badges")
    ap.add_argument("--uid")
    args = ap.parse_args(argv)
    with open(args.export, "rb") as fh:
        emails = parse_hr_export_hardened(fh.read())
    print(f"{len(emails)} employees")
    if args.badges:
        print(parse_badges_sax(args.badges))
    if args.uid:
        print(find_user(args.uid))
    return 0


if __name__ == "__main__":
    sys.exit(main())
