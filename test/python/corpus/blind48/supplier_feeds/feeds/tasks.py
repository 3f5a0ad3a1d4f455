"""Celery tasks: feed imports and exports to S3."""
import csv
import logging
import os
import shutil
import subprocess
import tempfile
import zipfile

import boto3
from celery import shared_task

from retail_common.config import (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
                                  EXPORT_WORK_DIR, FEED_CACHE_DIR,
                                  S3_EXPORT_BUCKET, S3_REGION)
from retail_common.db import execute, fetch_all, fetch_one
from retail_common.http import fetch_remote
from retail_common.shell import compress

from . import fetch, parsers, pricing

log = logging.getLogger(__name__)

s3 = boto3.client("s3", region_name=S3_REGION, aws_access_key_id=AWS_ACCESS_KEY_ID,
                  aws_secret_access_key=AWS_SECRET_ACCESS_KEY)


UPSERT_SQL = (
    "INSERT INTO feed_staging (partner_code, sku, title, description, price, cost, stock, category, image_url) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (partner_code, sku) DO UPDATE SET "
    "title = EXCLUDED.title, price = EXCLUDED.price, cost = EXCLUDED.cost, stock = EXCLUDED.stock"
)


def _upsert_product(partner_code, item):
    params = (partner_code, item["sku"], item["title"], item["description"], item["price"],
              item["cost"], item["stock"], item["category"], item["image_url"])
    execute(UPSERT_SQL, params)


@shared_task(name="feeds.tasks.import_partner_feed")
def import_partner_feed(partner_code, source="ftp"):
    partner = fetch_one("SELECT code, feed_url, mapping_yaml, supplier_funded FROM partner_feed WHERE code = %s", (partner_code,))
    mapping = parsers.load_mapping(partner["mapping_yaml"]) if partner["mapping_yaml"] else parsers.DEFAULT_MAPPING
    paths = fetch.pull_ftp_drop(partner_code) if source == "ftp" else [fetch.pull_http_feed(partner_code, partner["feed_url"])]
    rules = pricing.load_rules(partner_code)
    count = 0
    for path in filter(None, paths):
        if partner_code == "nordhaus":
            parse = parsers.parse_nordhaus
        else:
            parse = parsers.PARSERS.get(os.path.splitext(path)[1].lower())
        if parse is None:
            continue
        with open(path, "rb") as fh:
            for item in parse(fh.read(), mapping):
                item["price"] = pricing.price_product(item, rules, supplier_funded=partner["supplier_funded"])
                _upsert_product(partner_code, item)
                count += 1
    log.info("imported %d items for %s", count, partner_code)
    return count


@shared_task(name="feeds.tasks.feed_ready")
def feed_ready(payload):
    """Suppliers on the new portal POST {"partner": ..., "download_url": ...} to us."""
    resp = fetch_remote(payload["download_url"], timeout=120)
    dest = os.path.join(FEED_CACHE_DIR, payload["partner"], "pushed.zip")
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as fh:  #@vuln CWE-22
        fh.write(resp.content)
    return unpack_supplier_archive(dest, payload["partner"])


@shared_task(name="feeds.tasks.unpack_supplier_archive")
def unpack_supplier_archive(archive_path, partner_code):
    dest = os.path.join(FEED_CACHE_DIR, partner_code, "unpacked")
    os.makedirs(dest, exist_ok=True)
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.namelist():
            if member.endswith("/"):
                continue
            target = os.path.join(dest, member)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
    return dest


@shared_task(name="feeds.tasks.unpack_supplier_images")
def unpack_supplier_images(archive_path, partner_code):
    dest = os.path.realpath(os.path.join(FEED_CACHE_DIR, partner_code, "images"))
    os.makedirs(dest, exist_ok=True)
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            target = os.path.realpath(os.path.join(dest, info.filename))
            if not target.startswith(dest + os.sep):
                log.warning("skipping suspicious member %s", info.filename)
                continue
            zf.extract(info, dest)  #@safe
    return dest


@shared_task(name="feeds.tasks.export_orders")
def export_orders(export_name, date_from, date_to, requested_by):
    rows = fetch_all(
        "SELECT o.number, o.date_placed, o.status, o.total_incl_tax, u.email "
        "FROM order_order o LEFT JOIN auth_user u ON u.id = o.user_id "
        "WHERE o.date_placed BETWEEN %s AND %s ORDER BY o.date_placed",
        (date_from, date_to),
    )
    os.makedirs(EXPORT_WORK_DIR, exist_ok=True)
    csv_path = os.path.join(EXPORT_WORK_DIR, f"{export_name}.csv")
    with open(csv_path, "w", newline="") as fh:  #@vuln CWE-22
        writer = csv.DictWriter(fh, fieldnames=["number", "date_placed", "status", "total_incl_tax", "email"])
        writer.writeheader()
        writer.writerows(rows)
    gz_path = compress(csv_path)
    key = f"exports/orders/{os.path.basename(gz_path)}"
    s3.upload_file(gz_path, S3_EXPORT_BUCKET, key)
    url = s3.generate_presigned_url("get_object", Params={"Bucket": S3_EXPORT_BUCKET, "Key": key}, ExpiresIn=86400)
    log.info("order export for %s at %s", requested_by, url)
    return url


@shared_task(name="feeds.tasks.export_catalogue_bundle")
def export_catalogue_bundle(partner_code, bundle_label):
    workdir = tempfile.mkdtemp(prefix="catalogue-")
    rows = fetch_all("SELECT sku, title, price, stock FROM feed_staging WHERE partner_code = %s", (partner_code,))
    with open(os.path.join(workdir, "catalogue.csv"), "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["sku", "title", "price", "stock"])
        writer.writeheader()
        writer.writerows(rows)
    archive = os.path.join(EXPORT_WORK_DIR, f"{partner_code}.tar.gz")
    subprocess.run(f"tar czf {archive} --label='{bundle_label}' -C {workdir} .", shell=True, check=True)  #@vuln CWE-78
    s3.upload_file(archive, S3_EXPORT_BUCKET, f"exports/catalogue/{partner_code}.tar.gz")
    shutil.rmtree(workdir, ignore_errors=True)
    return archive


@shared_task(name="feeds.tasks.export_stock_snapshot")
def export_stock_snapshot():
    tmp_path = tempfile.mktemp(prefix="stock-", suffix=".csv")  #@vuln CWE-377
    rows = fetch_all("SELECT partner_code, sku, stock FROM feed_staging ORDER BY partner_code, sku")
    with open(tmp_path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["partner_code", "sku", "stock"])
        writer.writeheader()
        writer.writerows(rows)
    s3.upload_file(tmp_path, S3_EXPORT_BUCKET, "exports/stock/latest.csv")
    os.unlink(tmp_path)
