#!/usr/bin/env python3
"""acctadmin - support-desk tooling for customer accounts.

Usage examples:
    acctadmin find --pattern @example.org
    acctadmin status 4412 suspended --reason chargeback dispute
    acctadmin ldap-user jdoe
"""
import argparse
import ast
import getpass
import hashlib
import json
import os
import random
import secrets
import subprocess
import sys

import ldap
import pymysql
import pymysql.cursors
from ldap.filter import escape_filter_chars

DB_HOST = os.environ.get("ACCT_DB_HOST", "accounts-db.internal.example.com")
DB_USER = os.environ.get("ACCT_DB_USER", "support_tool")
DB_PASSWORD = os.environ.get("ACCT_DB_PASSWORD", "supp0rt-t00l-FAKE-pw")  #@vuln CWE-798|CWE-259
LDAP_URI = "ldaps://ldap.example.com"
LDAP_BIND_DN = "cn=acctadmin,ou=services,dc=example,dc=com"
LDAP_BIND_PW = os.environ["ACCT_LDAP_BIND_PW"]  #@safe
PEOPLE_BASE = "ou=people,dc=example,dc=com"
GROUP_BASE = "ou=groups,dc=example,dc=com"


def db():
    return pymysql.connect(host=DB_HOST, user=DB_USER, password=DB_PASSWORD, database="accounts", cursorclass=pymysql.cursors.DictCursor)


def ldap_conn():
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s(LDAP_BIND_DN, LDAP_BIND_PW)
    return conn


def cmd_find(args):
    with db() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, email, status FROM users WHERE email LIKE '%%%s%%' ORDER BY id" % args.pattern)  #@vuln CWE-89
        for row in cur.fetchall():
            print(f"{row['id']:>8}  {row['status']:<10} {row['email']}")


def cmd_show(args):
    with db() as conn, conn.cursor() as cur:
        cur.execute("SELECT * FROM users WHERE id = %s", (args.user_id,))  #@safe
        print(json.dumps(cur.fetchone(), indent=2, default=str))


def cmd_status(args):
    reason = " ".join(args.reason)
    with db() as conn, conn.cursor() as cur:
        cur.execute(f"UPDATE users SET status = '{args.status}', status_reason = '{reason}' WHERE id = {args.user_id}")  #@vuln CWE-89
        conn.commit()
    print(f"user {args.user_id} -> {args.status}")


def _legacy_portal_hash(password, salt):
    return hashlib.sha1((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328


def cmd_reset_password(args):
    new_pw = args.password or getpass.getpass("New password: ")
    if args.legacy:
        salt = secrets.token_hex(8)
        stored = "sha1$%s$%s" % (salt, _legacy_portal_hash(new_pw, salt))
    else:
        salt = secrets.token_bytes(16)
        dk = hashlib.pbkdf2_hmac("sha256", new_pw.encode("utf-8"), salt, 390000)  #@safe
        stored = "pbkdf2_sha256$390000$%s$%s" % (salt.hex(), dk.hex())
    with db() as conn, conn.cursor() as cur:
        cur.execute("UPDATE users SET password_hash = %s WHERE id = %s", (stored, args.user_id))
        conn.commit()


def cmd_issue_otp(args):
    code = "%06d" % random.randint(0, 999999)  #@vuln CWE-338|CWE-330
    recovery = secrets.token_hex(16)  #@safe
    with db() as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO otp_codes (user_id, code, recovery) VALUES (%s, %s, %s)", (args.user_id, code, recovery))
        conn.commit()
    print(f"OTP for {args.user_id}: {code}  (recovery: {recovery})")


def cmd_ldap_user(args):
    conn = ldap_conn()
    flt = "(&(objectClass=inetOrgPerson)(uid=%s))" % args.username
    for dn, attrs in conn.search_s(PEOPLE_BASE, ldap.SCOPE_SUBTREE, flt, ["cn", "mail", "memberOf"]):  #@vuln CWE-90
        print(dn, {k: [v.decode() for v in vals] for k, vals in attrs.items()})


def cmd_ldap_group(args):
    conn = ldap_conn()
    results = conn.search_s(GROUP_BASE, ldap.SCOPE_SUBTREE, f"(&(objectClass=groupOfNames)(cn={args.group}))", ["member"])  #@vuln CWE-90
    for dn, attrs in results:
        print(dn)
        for member in attrs.get("member", []):
            print("   ", member.decode())


def cmd_ldap_mail(args):
    conn = ldap_conn()
    flt = "(mail=%s)" % escape_filter_chars(args.email)
    for dn, attrs in conn.search_s(PEOPLE_BASE, ldap.SCOPE_SUBTREE, flt, ["uid"]):  #@safe
        print(dn, attrs.get("uid", [b""])[0].decode())


def cmd_export(args):
    with db() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, email, status, plan, created_at FROM users WHERE plan = %s", (args.plan,))
        rows = cur.fetchall()
    if args.where:
        rows = [r for r in rows if eval(args.where, {"__builtins__": {}}, dict(r))]  #@vuln CWE-95|CWE-94
    json.dump(rows, sys.stdout, default=str, indent=1)


def cmd_set_prefs(args):
    prefs = {}
    for pair in args.pairs:
        key, _, raw = pair.partition("=")
        try:
            prefs[key] = ast.literal_eval(raw)  #@safe
        except (ValueError, SyntaxError):
            prefs[key] = raw
    with db() as conn, conn.cursor() as cur:
        cur.execute("UPDATE users SET prefs = JSON_MERGE_PATCH(prefs, %s) WHERE id = %s", (json.dumps(prefs), args.user_id))
        conn.commit()


def cmd_backup(args):
    out = args.output or f"accounts-{args.table}.sql"
    rc = os.system(f"mysqldump -h {DB_HOST} -u {DB_USER} accounts {args.table} > {out}")  #@vuln CWE-78
    if rc != 0:
        sys.exit("mysqldump failed")
    if args.recipient:
        subprocess.run(["gpg", "--batch", "--encrypt", "--recipient", args.recipient, out], check=True)  #@safe


def build_parser():
    p = argparse.ArgumentParser(prog="acctadmin", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("find"); s.add_argument("--pattern", required=True); s.set_defaults(func=cmd_find)
    s = sub.add_parser("show"); s.add_argument("user_id", type=int); s.set_defaults(func=cmd_show)
    s = sub.add_parser("status"); s.add_argument("user_id", type=int); s.add_argument("status"); s.add_argument("--reason", nargs="+", default=["support"]); s.set_defaults(func=cmd_status)
    s = sub.add_parser("reset-password"); s.add_argument("user_id", type=int); s.add_argument("--password"); s.add_argument("--legacy", action="store_true"); s.set_defaults(func=cmd_reset_password)
    s = sub.add_parser("otp"); s.add_argument("user_id", type=int); s.set_defaults(func=cmd_issue_otp)
    s = sub.add_parser("ldap-user"); s.add_argument("username"); s.set_defaults(func=cmd_ldap_user)
    s = sub.add_parser("ldap-group"); s.add_argument("group"); s.set_defaults(func=cmd_ldap_group)
    s = sub.add_parser("ldap-mail"); s.add_argument("email"); s.set_defaults(func=cmd_ldap_mail)
    s = sub.add_parser("export"); s.add_argument("--plan", default="pro"); s.add_argument("--where"); s.set_defaults(func=cmd_export)
    s = sub.add_parser("prefs"); s.add_argument("user_id", type=int); s.add_argument("pairs", nargs="+"); s.set_defaults(func=cmd_set_prefs)
    s = sub.add_parser("backup"); s.add_argument("table"); s.add_argument("--output"); s.add_argument("--recipient"); s.set_defaults(func=cmd_backup)
    return p


def main(argv=None):
    args = build_parser().parse_args(argv if argv is not None else sys.argv[1:])
    try:
        args.func(args)
    except pymysql.MySQLError as exc:
        sys.exit(f"database error: {exc}")
    except ldap.LDAPError as exc:
        sys.exit(f"ldap error: {exc}")


if __name__ == "__main__":
    main()
