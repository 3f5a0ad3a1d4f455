"""Custom querysets for the catalog app.

Most of the search code predates the switch to Postgres full-text search and
still talks SQL directly; see ADR-0012 before touching it.
"""
from decimal import Decimal

from django.db import connection, models
from django.db.models.expressions import RawSQL

# Maps the public ``sort`` parameter to an ORDER BY fragment.
SORT_SQL = {
    "name": "p.name ASC",
    "price": "p.price_cents ASC",
    "price_desc": "p.price_cents DESC",
    "newest": "p.created_at DESC",
}


class ProductQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, deleted_at__isnull=True)

    def search(self, term):
        like = f"%{term}%"
        sql = "SELECT * FROM catalog_product WHERE is_active AND (name ILIKE %s OR sku ILIKE %s) ORDER BY name"
        return self.raw(sql, [like, like])  #@safe

    def search_in_category(self, term, category_slug):
        sql = (
            "SELECT p.* FROM catalog_product p "
            "JOIN catalog_category c ON c.id = p.category_id "
            f"WHERE p.is_active AND c.slug = '{category_slug}' AND p.name ILIKE '%%{term}%%' "
            "ORDER BY p.name"
        )
        return self.raw(sql)  #@vuln CWE-89

    def ranked(self, query_text):
        return self.annotate(rank=RawSQL(f"ts_rank(search_vector, plainto_tsquery('english', '{query_text}'))", ())).order_by("-rank")  #@vuln CWE-89

    def price_between(self, low_cents, high_cents):
        return self.extra(where=["price_cents BETWEEN %s AND %s"], params=[low_cents, high_cents])  #@safe

    def tagged(self, tag):
        return self.extra(where=[f"id IN (SELECT product_id FROM catalog_producttag WHERE label = '{tag}')"])  #@vuln CWE-89

    def sorted_raw(self, sort_key):
        order_sql = SORT_SQL.get(sort_key, SORT_SQL["name"])
        return self.raw(f"SELECT p.* FROM catalog_product p WHERE p.is_active ORDER BY {order_sql}")  #@safe


class ProductManager(models.Manager.from_queryset(ProductQuerySet)):
    def stock_levels(self, warehouse_code):
        with connection.cursor() as cur:
            cur.execute("SELECT p.sku, s.qty FROM inventory_stock s JOIN catalog_product p ON p.id = s.product_id WHERE s.warehouse = %s", [warehouse_code])  #@safe
            return cur.fetchall()

    def bulk_reprice(self, skus, percent):
        factor = 1 + (Decimal(percent) / 100)
        sku_list = ", ".join(f"'{sku}'" for sku in skus)
        with connection.cursor() as cur:
            cur.execute(f"UPDATE catalog_product SET price_cents = ROUND(price_cents * {factor}) WHERE sku IN ({sku_list})")  #@vuln CWE-89
            return cur.rowcount

    def low_stock(self, threshold, order_by):
        with connection.cursor() as cur:
            cur.execute("SELECT p.sku, p.name, s.qty FROM inventory_stock s JOIN catalog_product p ON p.id = s.product_id WHERE s.qty < %s ORDER BY " + order_by, [threshold])  #@vuln CWE-89
            return cur.fetchall()


class OrderQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=["cancelled", "refunded", "delivered"])

    def revenue_by_day(self, start, end, currency):
        with connection.cursor() as cur:
            cur.execute(f"SELECT date_trunc('day', created_at) AS d, SUM(total_cents) FROM orders_order WHERE created_at BETWEEN '{start}' AND '{end}' AND currency = %s GROUP BY d ORDER BY d", [currency])  #@vuln CWE-89
            return cur.fetchall()
