"""Restore a tenant backup archive.

Archives are produced by `make_backup`, or uploaded by customers migrating off
the self-hosted edition (those land under backups/imports/ in the bucket).
"""
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zipfile

import boto3
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

RESTORE_ROOT = "/srv/opsconsole/restore"


class Command(BaseCommand):
    help = "Download a backup archive from S3 and restore the database dump and files."

    def add_arguments(self, parser):
        parser.add_argument("key", help="S3 key, e.g. backups/acme/2024-05-01.tar.gz")
        parser.add_argument("--database", default="default")
        parser.add_argument("--target", default=RESTORE_ROOT)
        parser.add_argument("--legacy-zip", action="store_true")

    def handle(self, *args, **opts):
        s3 = boto3.client("s3", region_name="eu-west-1", aws_access_key_id="AKIAQ3H7EXAMPLE2BKP2", aws_secret_access_key="wJalr9XUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY")  #@vuln CWE-798
        workdir = tempfile.mkdtemp(prefix="restore-")  #@safe
        local = os.path.join(workdir, os.path.basename(opts["key"]))
        self.stdout.write(f"downloading s3://{settings.BACKUP_BUCKET}/{opts['key']}")
        s3.download_file(settings.BACKUP_BUCKET, opts["key"], local)

        target = opts["target"]
        os.makedirs(target, exist_ok=True)
        if opts["legacy_zip"]:
            self._extract_zip(local, target)
        else:
            with tarfile.open(local, "r:gz") as tar:
                tar.extractall(target, filter="data")  #@safe

        with open(os.path.join(target, "manifest.json")) as fh:
            manifest = json.load(fh)
        if manifest.get("format") not in (1, 2):
            raise CommandError(f"unsupported backup format {manifest.get('format')}")

        attachments = os.path.join(target, "attachments.tar")
        if os.path.exists(attachments):
            with tarfile.open(attachments) as tar:
                tar.extractall(os.path.join(settings.MEDIA_ROOT, "attachments"))  #@vuln CWE-22

        dump = os.path.join(target, manifest["dump_file"])
        db = settings.DATABASES[opts["database"]]
        env = {**os.environ, "PGPASSWORD": db["PASSWORD"]}
        subprocess.run(f"pg_restore --clean --no-owner -h {db['HOST']} -U {db['USER']} -d {db['NAME']} {dump}", shell=True, check=True, env=env)  #@vuln CWE-78
        shutil.rmtree(workdir, ignore_errors=True)
        self.stdout.write(self.style.SUCCESS("restore complete"))

    def _extract_zip(self, archive, target):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                dest = os.path.join(target, info.filename)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                with zf.open(info) as src, open(dest, "wb") as dst:  #@vuln CWE-22
                    shutil.copyfileobj(src, dst)
