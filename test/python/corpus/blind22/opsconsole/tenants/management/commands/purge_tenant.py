"""Remove all data for an off-boarded tenant.

    ./manage.py purge_tenant acme --before 2024-01-01 --notify ops@example.com
"""
import os
import shutil

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from opsconsole.tenants.models import Tenant

TENANT_TABLES = ["billing_invoice", "monitoring_check", "monitoring_incident", "monitoring_webhook", "tenants_membership"]
DATA_ROOT = "/srv/opsconsole/tenants"


class Command(BaseCommand):
    help = "Purge every row and file belonging to a tenant."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--tables", nargs="*", default=TENANT_TABLES)
        parser.add_argument("--before", help="only purge audit events older than this date")
        parser.add_argument("--notify", help="email address to send the summary to")

    def handle(self, *args, **opts):
        try:
            tenant = Tenant.objects.get(slug=opts["slug"])
        except Tenant.DoesNotExist:
            raise CommandError(f"unknown tenant {opts['slug']}")

        unknown = set(opts["tables"]) - set(TENANT_TABLES)
        if unknown:
            raise CommandError(f"refusing to touch tables: {', '.join(sorted(unknown))}")

        summary = []
        with transaction.atomic(), connection.cursor() as cur:
            for table in opts["tables"]:
                cur.execute(f"DELETE FROM {table} WHERE tenant_id = %s", [tenant.pk])  #@safe
                summary.append(f"{table}: {cur.rowcount} rows deleted")
            if opts["before"]:
                cur.execute(f"DELETE FROM audit_event WHERE tenant_id = {tenant.pk} AND created_at < '{opts['before']}'")  #@vuln CWE-89
                summary.append(f"audit_event: {cur.rowcount} rows deleted")

        shutil.rmtree(os.path.join(DATA_ROOT, str(tenant.pk)), ignore_errors=True)
        tenant.delete()

        report = "\n".join(summary)
        self.stdout.write(report)
        if opts["notify"]:
            os.system(f"printf '%s' \"{report}\" | mail -s 'tenant {tenant.slug} purged' {opts['notify']}")  #@vuln CWE-78
