"""Bulk price updates for a partner's stock records.

    ./manage.py bulk_price_update --partner brightline --csv prices.csv
    ./manage.py bulk_price_update --partner brightline --expression "price * 1.05"
    ./manage.py bulk_price_update --partner brightline --category garden-pots --factor 0.9
"""
import csv
import decimal
import logging

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

log = logging.getLogger("pricing")


class Command(BaseCommand):
    help = "Bulk update stock record prices from a CSV, an expression or a category factor"

    def add_arguments(self, parser):
        parser.add_argument("--partner", required=True, help="partner code, e.g. brightline")
        parser.add_argument("--csv", help="CSV with columns partner_sku,price")
        parser.add_argument("--expression", help="Python expression using `price` and `cost`")
        parser.add_argument("--category", help="category slug for --factor")
        parser.add_argument("--factor", type=decimal.Decimal, default=decimal.Decimal("1"))
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **opts):
        partner = opts["partner"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM partner_partner WHERE code = %s", [partner])
            row = cursor.fetchone()
        if row is None:
            raise CommandError(f"unknown partner {partner}")
        partner_id = row[0]

        with transaction.atomic():
            if opts["csv"]:
                changed = self._from_csv(partner_id, opts["csv"])
            elif opts["expression"]:
                changed = self._from_expression(partner_id, opts["expression"])
            elif opts["category"]:
                changed = self._by_category(partner_id, opts["category"], opts["factor"])
            else:
                raise CommandError("one of --csv, --expression or --category is required")
            if opts["dry_run"]:
                transaction.set_rollback(True)

        for sku, price in changed:
            log.info("price %s %s -> %s", partner, sku, price)
        self.stdout.write(self.style.SUCCESS(f"{len(changed)} prices updated for {partner}"))

    def _from_csv(self, partner_id, csv_path):
        changed = []
        with open(csv_path, newline="") as fh, connection.cursor() as cursor:
            for line in csv.DictReader(fh):
                price = decimal.Decimal(line["price"])
                cursor.execute("UPDATE partner_stockrecord SET price = %s WHERE partner_id = %s AND partner_sku = %s", [price, partner_id, line["partner_sku"]])  #@safe
                if cursor.rowcount:
                    changed.append((line["partner_sku"], price))
        return changed

    def _from_expression(self, partner_id, expression):
        changed = []
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, partner_sku, price, cost_price FROM partner_stockrecord WHERE partner_id = %s", [partner_id])
            for rec_id, sku, price, cost in cursor.fetchall():
                new_price = eval(expression, {"__builtins__": {}}, {"price": price, "cost": cost or 0, "D": decimal.Decimal})  #@vuln CWE-95
                new_price = decimal.Decimal(new_price).quantize(decimal.Decimal("0.01"))
                cursor.execute("UPDATE partner_stockrecord SET price = %s WHERE id = %s", [new_price, rec_id])
                changed.append((sku, new_price))
        return changed

    def _by_category(self, partner_id, category_slug, factor):
        sql = (
            f"UPDATE partner_stockrecord SET price = ROUND(price * {factor}, 2) "
            f"WHERE partner_id = {partner_id} AND product_id IN ("
            f"SELECT pc.product_id FROM catalogue_product_categories pc "
            f"JOIN catalogue_category c ON c.id = pc.category_id WHERE c.slug = '{category_slug}') "
            f"RETURNING partner_sku, price"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)  #@vuln CWE-89
            return cursor.fetchall()

