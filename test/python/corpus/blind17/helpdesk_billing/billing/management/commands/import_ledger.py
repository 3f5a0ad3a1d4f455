import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from billing.models import Invoice


class Command(BaseCommand):
    help = "Import ledger adjustments exported from the legacy billing system"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--legacy-format", action="store_true")
        parser.add_argument("--dry-run", action="store_true")

    def _load(self, path, legacy):
        with open(path, encoding="utf-8") as fh:
            if legacy:
                return yaml.load(fh, Loader=yaml.Loader)  #@vuln CWE-502
            return yaml.safe_load(fh)  #@safe

    def handle(self, *args, **options):
        document = self._load(options["path"], options["legacy_format"])
        if not isinstance(document, dict) or "adjustments" not in document:
            raise CommandError("Expected a mapping with an 'adjustments' key")
        applied = 0
        with transaction.atomic():
            for row in document["adjustments"]:
                updated = Invoice.objects.filter(number=row["invoice"]).update(paid_cents=row["paid_cents"])
                applied += updated
            if options["dry_run"]:
                transaction.set_rollback(True)
        self.stdout.write(self.style.SUCCESS(f"Applied {applied} adjustments"))
