"""Raw SQL for the reporting / search paths where the ORM was too slow.

Keep ORM access in models/managers; only hand-written SQL lives here.
"""
from django.db import connection, transaction

from products.models import Product

SORTABLE_COLUMNS = {
    "name": "p.name",
    "price": "p.price_cents",
    "updated": "p.updated_at",
    "sku": "p.sku",
}


def _dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def search_products(term, category=None, sort="name", limit=50):
    order_col = SORTABLE_COLUMNS.get(sort, "p.name")
    sql = (
        "SELECT p.id, p.sku, p.name, p.price_cents "
        "FROM products_product p WHERE p.name ILIKE %s"
    )
    params = [f"%{term}%"]
    if category:
        sql += " AND p.category_id = %s"
        params.append(category)
    sql += f" ORDER BY {order_col} LIMIT %s"
    params.append(int(limit))
    with connection.cursor() as cur:
        cur.execute(sql, params)  #@safe
        return _dictfetchall(cur)


def products_by_vendor(vendor_code, status="active"):
    with connection.cursor() as cur:
        cur.execute("SELECT id, sku, name, price_cents FROM products_product WHERE vendor_code = '%s' AND status = '%s'" % (vendor_code, status))  #@vuln CWE-89
        return _dictfetchall(cur)


def stock_report(warehouse, since=None, order_by="sku"):
    where = "s.warehouse_code = %s"
    if since:
        where += f" AND s.moved_at >= '{since}'"
    query = (
        "SELECT p.sku, SUM(s.qty) AS on_hand FROM products_stockmovement s "
        "JOIN products_product p ON p.id = s.product_id "
        f"WHERE {where} GROUP BY p.sku ORDER BY {order_by}"
    )
    with connection.cursor() as cur:
        cur.execute(query, [warehouse])  #@vuln CWE-89
        return _dictfetchall(cur)


def products_with_tag(tag):
    return list(Product.objects.raw(f"SELECT * FROM products_product WHERE '{tag}' = ANY(tags)"))  #@vuln CWE-89


def product_by_sku(sku):
    rows = list(Product.objects.raw("SELECT * FROM products_product WHERE sku = %s", [sku]))  #@safe
    return rows[0] if rows else None


def cheaper_than(max_price_cents: int):
    # max_price_cents arrives as a GraphQL Int, coerced by graphene
    return Product.objects.extra(where=["price_cents < %s"], params=[int(max_price_cents)])  #@safe


def products_matching(expression):
    # "advanced filter" box on the merchant dashboard
    return Product.objects.extra(where=[expression]).order_by("sku")[:200]  #@vuln CWE-89


def bulk_update_prices(rows):
    with transaction.atomic(), connection.cursor() as cur:
        cur.executemany("UPDATE products_product SET price_cents = %s WHERE sku = %s", [(r["price_cents"], r["sku"]) for r in rows])  #@safe


def purge_discontinued(vendor_code, older_than_days):
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM products_product WHERE vendor_code = '{}' AND status = 'discontinued' AND updated_at < now() - interval '{} days'".format(vendor_code, older_than_days))  #@vuln CWE-89
        return cur.rowcount
