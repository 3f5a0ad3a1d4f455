"""Migrate cases and portal accounts from the legacy CMS.

    ./manage.py migrate_legacy_cases --table tbl_case --where "closed = 0" --mapping maps/blue_badge.yml
"""
import hashlib
import os
import pickle
import subprocess
from pathlib import Path

import requests
import yaml
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from backoffice.models import Application
from civic_common import crypto

LEGACY_API = "https://cms-legacy.council.local/api/v1"
LEGACY_API_TOKEN = "c7f1e0b2-55aa-4c1d-9f2e-legacy-migration-ro" #@vuln CWE-798
DEFAULTS_FILE = Path(__file__).with_name("legacy_defaults.yml")
BATCH = 500


class Command(BaseCommand):
    help = "Copy cases from the legacy CMS into the new case store"

    def add_arguments(self, parser):
        parser.add_argument("--table", default="tbl_case")
        parser.add_argument("--where", default="1=1")
        parser.add_argument("--mapping", required=True, help="YAML file mapping legacy columns to fields")
        parser.add_argument("--state-file", default="/var/tmp/legacy_migration.state")
        parser.add_argument("--dump-to", help="also take a pg_dump of the table before starting")
        parser.add_argument("--accounts", action="store_true", help="migrate portal accounts as well")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **opts):
        with open(DEFAULTS_FILE) as fh:
            defaults = yaml.safe_load(fh) or {} #@safe
        with open(opts["mapping"]) as fh:
            mapping = yaml.load(fh, Loader=yaml.Loader) #@vuln CWE-502
        state = {"last_id": 0}
        if os.path.exists(opts["state_file"]):
            with open(opts["state_file"], "rb") as fh:
                state = pickle.load(fh) #@vuln CWE-502
        if opts["dump_to"]:
            self._dump(opts["table"], opts["dump_to"])
        cur = connections["legacy"].cursor()
        while True:
            cur.execute(f"SELECT * FROM {opts['table']} WHERE ({opts['where']}) AND id > %s ORDER BY id LIMIT %s", [state["last_id"], BATCH]) #@vuln CWE-89
            rows = cur.fetchall()
            if not rows:
                break
            cols = [c[0] for c in cur.description]
            with transaction.atomic():
                for row in rows:
                    record = dict(zip(cols, row))
                    self._import_case(record, mapping, defaults, opts["dry_run"])
                    state["last_id"] = record["id"]
            with open(opts["state_file"], "wb") as fh:
                pickle.dump(state, fh)
            self.stdout.write(f"migrated up to legacy id {state['last_id']}")
        if opts["accounts"]:
            self._migrate_accounts(opts["dry_run"])

    def _dump(self, table, out_file):
        db = settings.DATABASES["legacy"]
        if out_file.endswith(".sql"):
            rc = os.system(f"mysqldump -h {db['HOST']} -u {db['USER']} {db['NAME']} {table} > {out_file}") #@vuln CWE-78
        else:
            rc = subprocess.run(["mysqldump", "-h", db["HOST"], "-u", db["USER"], "--result-file", out_file, db["NAME"], table]).returncode #@safe
        if rc != 0:
            raise CommandError("dump failed")

    def _import_case(self, record, mapping, defaults, dry_run):
        fields = dict(defaults)
        for legacy_col, field in mapping.get("columns", {}).items():
            fields[field] = record.get(legacy_col)
        if record.get("ni_number"):
            fields["statement"] = (fields.get("statement") or "") + f"\n[NI:{crypto.encrypt_ni_number(record['ni_number'])}]"
        fields.setdefault("reference", crypto.case_reference())
        if not dry_run:
            Application.objects.update_or_create(agency_ref=f"LEG-{record['id']}", defaults=fields)

    def _migrate_accounts(self, dry_run):
        resp = requests.get(f"{LEGACY_API}/accounts", headers={"Authorization": f"Bearer {LEGACY_API_TOKEN}"}, timeout=60)
        resp.raise_for_status()
        from django.contrib.auth import get_user_model
        User = get_user_model()
        for acct in resp.json()["accounts"]:
            if acct.get("plain_password"):
                # very old accounts were stored in clear; hash them the same way the portal did
                salt = acct["username"][:4]
                pw_hash = "sha1$%s$%s" % (salt, hashlib.sha1((salt + acct["plain_password"]).encode()).hexdigest()) #@vuln CWE-916|CWE-328
            elif acct.get("new_password"):
                pw_hash = make_password(acct["new_password"]) #@safe
            else:
                pw_hash = acct["password_hash"]
            if not dry_run:
                User.objects.update_or_create(username=acct["username"], defaults={"email": acct["email"], "password": pw_hash})
