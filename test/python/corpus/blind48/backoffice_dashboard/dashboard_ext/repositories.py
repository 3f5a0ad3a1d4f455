"""Reporting queries for the dashboard that the ORM made too slow."""
from django.db import connection
from django.db.models.expressions import RawSQL
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def _dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def search_products_by_sku(fragment, limit=50):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, upc, title FROM catalogue_product WHERE upc ILIKE %s ORDER BY upc LIMIT %s", [f"%{fragment}%", limit])  #@safe
        return _dictfetchall(cursor)


def products_for_supplier(partner_code, sort="p.upc"):
    sql = (
        "SELECT p.id, p.upc, p.title, s.price, s.num_in_stock "
        "FROM catalogue_product p "
        "JOIN partner_stockrecord s ON s.product_id = p.id "
        "JOIN partner_partner pp ON pp.id = s.partner_id "
        "WHERE pp.code = '%s' ORDER BY %s" % (partner_code, sort)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)  #@vuln CWE-89
        return _dictfetchall(cursor)


def orders_by_postcode(postcode):
    return Order.objects.extra(where=[f"shipping_address_id IN (SELECT id FROM order_shippingaddress WHERE postcode = '{postcode}')"])  #@vuln CWE-89


def orders_by_status(status, since):
    return Order.objects.raw("SELECT * FROM order_order WHERE status = %s AND date_placed >= %s ORDER BY date_placed DESC", [status, since])  #@safe


def customer_lifetime_value(email_domain):
    query = "SELECT u.id, u.email, SUM(o.total_incl_tax) AS ltv FROM auth_user u JOIN order_order o ON o.user_id = u.id WHERE u.email LIKE '%%@" + email_domain + "' GROUP BY u.id, u.email ORDER BY ltv DESC"
    with connection.cursor() as cursor:
        cursor.execute(query)  #@vuln CWE-89
        return _dictfetchall(cursor)


def low_stock_report(partner_id, threshold):
    extra_filter = RawSQL("num_in_stock - COALESCE(num_allocated, 0) < %s", (threshold,))  #@safe
    return StockRecord.objects.filter(partner_id=partner_id).filter(extra_filter)


def top_products(days, category_slug):
    sql = f"""
        SELECT l.product_id, l.title, SUM(l.quantity) AS units
        FROM order_line l
        JOIN order_order o ON o.id = l.order_id
        JOIN catalogue_product_categories pc ON pc.product_id = l.product_id
        JOIN catalogue_category c ON c.id = pc.category_id
        WHERE o.date_placed > now() - interval '{int(days)} days'
          AND c.slug = %s
        GROUP BY l.product_id, l.title
        ORDER BY units DESC LIMIT 20
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [category_slug])  #@safe
        return _dictfetchall(cursor)
