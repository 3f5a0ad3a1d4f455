import pickle
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.models import Category, Product


class Command(BaseCommand):
    help = "Import a supplier catalog snapshot (yaml, or legacy pickle exports)"

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--legacy", action="store_true")

    def _load(self, source, legacy):
        if legacy:
            with source.open("rb") as fh:
                return pickle.load(fh)  #@vuln CWE-502
        with source.open("r", encoding="utf-8") as fh:
            return yaml.load(fh, Loader=yaml.Loader)  #@vuln CWE-502

    def _load_overrides(self, source):
        override = source.with_suffix(".overrides.yml")
        if not override.exists():
            return {}
        with override.open("r", encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}  #@safe

    @transaction.atomic
    def handle(self, *args, **options):
        source = options["source"]
        if not source.exists():
            raise CommandError(f"{source} does not exist")
        data = self._load(source, options["legacy"])
        overrides = self._load_overrides(source)
        created = 0
        for item in data.get("products", []):
            category, _ = Category.objects.get_or_create(
                slug=item["category"], defaults={"name": item["category"].title()}
            )
            item.update(overrides.get(item["sku"], {}))
            _, was_created = Product.objects.update_or_create(
                sku=item["sku"],
                defaults={
                    "name": item["name"],
                    "slug": item["slug"],
                    "price": item["price"],
                    "category": category,
                },
            )
            created += int(was_created)
        self.stdout.write(self.style.SUCCESS(f"imported {created} new products"))
