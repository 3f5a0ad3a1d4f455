import logging
from pathlib import Path
from urllib.parse import urlparse

import requests
from django.conf import settings
from django.db import connection

from .models import Product

log = logging.getLogger(__name__)


def _dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def search_products(term, order):
    sql = f"SELECT id, sku, name, price FROM catalog_product WHERE name ILIKE '%{term}%' ORDER BY {order}"
    with connection.cursor() as cursor:
        cursor.execute(sql)  #@vuln CWE-89
        return _dictfetchall(cursor)


def products_in_category(slug):
    with connection.cursor() as cursor:
        cursor.execute(  #@safe
            "SELECT p.id, p.sku, p.name FROM catalog_product p "
            "JOIN catalog_category c ON c.id = p.category_id WHERE c.slug = %s",
            [slug],
        )
        return _dictfetchall(cursor)


def products_above(min_price):
    return Product.objects.extra(where=[f"price > {min_price}"])  #@vuln CWE-89


def product_by_slug(slug):
    return list(Product.objects.raw("SELECT * FROM catalog_product WHERE slug = %s", [slug]))  #@safe


def fetch_product_image(sku, url):
    log.info("fetching image for %s from %s", sku, url)
    resp = requests.get(url, timeout=10)  #@vuln CWE-918
    resp.raise_for_status()
    target = Path(settings.MEDIA_ROOT) / "products" / f"{sku}.jpg"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(resp.content)
    return target


def fetch_supplier_feed(feed_url):
    parsed = urlparse(feed_url)
    if parsed.scheme != "https" or parsed.hostname not in settings.CATALOG_FEED_HOSTS:
        raise ValueError(f"feed host not allowed: {parsed.hostname}")
    resp = requests.get(feed_url, timeout=10)  #@safe
    resp.raise_for_status()
    return resp.json()


def resolve_statement(name):
    base = Path(settings.INVOICE_DIR).resolve()
    candidate = (base / Path(name).name).resolve()
    if candidate.parent != base or not candidate.is_file():
        return None
    return candidate
