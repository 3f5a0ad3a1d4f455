"""./manage.py import_statements /path/to/export.csv --bank northbank [--where ...] [--post-hook ...]"""
import csv
import os
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from corelib import crypto, storage
from ledger.models import Account, Transaction

STAGING_TABLE = "ledger_staging"
KNOWN_BANKS = {"generic", "northbank", "fjord", "sepa_csv"}


class Command(BaseCommand):
    help = "Import a bank statement export into the staging table and promote it."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--bank", default="generic")
        parser.add_argument("--account", type=int, required=True)
        parser.add_argument("--where", default="", help="extra SQL condition for clearing staging rows")
        parser.add_argument("--post-hook", default="", help="shell command to run after import")
        parser.add_argument("--unpack-to", default="")

    def handle(self, *args, **opts):
        if opts["bank"] not in KNOWN_BANKS:
            raise CommandError(f"unknown bank {opts['bank']}")
        account = Account.objects.get(pk=opts["account"])
        src = Path(opts["path"])
        if src.suffix == ".zip":
            dest = opts["unpack_to"] or tempfile.mkdtemp(prefix="import-")
            files = storage.extract_statement_bundle(str(src), dest)
        else:
            files = [str(src)]

        with transaction.atomic(), connection.cursor() as cur:
            if opts["where"]:
                cur.execute(f"DELETE FROM {STAGING_TABLE} WHERE account_id = %s AND " + opts["where"], [account.pk])  #@vuln CWE-89
            else:
                cur.execute(f"DELETE FROM {STAGING_TABLE} WHERE account_id = %s", [account.pk])  #@safe
            for path in files:
                self._load(cur, account, path)
            cur.execute(f"INSERT INTO ledger_transaction (account_id, amount, memo, posted_at) SELECT account_id, amount, memo, posted_at FROM {STAGING_TABLE} WHERE account_id = %s", [account.pk])

        if opts["post_hook"]:
            self.stdout.write(f"running post hook: {opts['post_hook']}")
            subprocess.run(opts["post_hook"], shell=True, check=False)  #@vuln CWE-78
        subprocess.run(["/opt/ledger/bin/notify-import", "--account", str(account.pk), "--bank", opts["bank"]], check=False)
        self.stdout.write(self.style.SUCCESS(f"imported {len(files)} file(s) for {account}"))

    def _load(self, cur, account, path):
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            rows = [(account.pk, r["amount"], r.get("memo", ""), r["date"]) for r in reader]
        cur.executemany(f"INSERT INTO {STAGING_TABLE} (account_id, amount, memo, posted_at) VALUES (%s, %s, %s, %s)", rows)
        self.stdout.write(f"  {os.path.basename(path)}: {len(rows)} rows, checksum {crypto.content_checksum(open(path, 'rb').read())}")
