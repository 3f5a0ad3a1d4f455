"""Item pipelines: clean, persist to sqlite and Mongo, and mirror product images."""
import logging
import os
import re
import sqlite3
from decimal import Decimal, InvalidOperation

import pymongo
import requests
from scrapy.exceptions import DropItem

log = logging.getLogger(__name__)

PRICE_RE = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


class CleanItemPipeline:
    def process_item(self, item, spider):
        if not item.get("sku"):
            raise DropItem("missing sku")
        item["sku"] = str(item["sku"]).strip()
        item["title"] = (item.get("title") or "").strip()[:300]
        raw = str(item.get("price") or "")
        m = PRICE_RE.search(raw)
        try:
            item["price"] = float(Decimal(m.group(0).replace(",", "."))) if m else None
        except InvalidOperation:
            item["price"] = None
        return item


class SQLitePipeline:
    def __init__(self, db_path):
        self.db_path = db_path
        self.conn = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("CATALOG_DB"))

    def open_spider(self, spider):
        self.conn = sqlite3.connect(self.db_path)
        self.conn.execute("CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, sku TEXT UNIQUE, title TEXT, price REAL, brand TEXT, url TEXT, source TEXT)")

    def close_spider(self, spider):
        self.conn.commit()
        self.conn.close()

    def process_item(self, item, spider):
        cur = self.conn.cursor()
        cur.execute("SELECT id FROM products WHERE sku = ?", (item["sku"],))
        if cur.fetchone():
            cur.execute(f"UPDATE products SET price = {item['price'] or 'NULL'}, title = '{item['title']}' WHERE sku = '{item['sku']}'")  #@vuln CWE-89
        else:
            cur.execute("INSERT INTO products (sku, title, price, brand, url, source) VALUES (?, ?, ?, ?, ?, ?)", (item["sku"], item["title"], item["price"], item.get("brand"), item.get("url"), item.get("source")))  #@safe
        self.conn.commit()
        return item


class MongoPipeline:
    def __init__(self, uri, db_name):
        self.uri = uri
        self.db_name = db_name

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("MONGO_URI"), crawler.settings.get("MONGO_DB"))

    def open_spider(self, spider):
        self.client = pymongo.MongoClient(self.uri)
        self.db = self.client[self.db_name]

    def close_spider(self, spider):
        self.client.close()

    def process_item(self, item, spider):
        previous = self.db.products.find_one({"$where": f"this.sku == '{item['sku']}' && this.source == '{item.get('source')}'"})  #@vuln CWE-943
        if previous and previous.get("price") != item.get("price"):
            self.db.price_history.insert_one({"sku": item["sku"], "old": previous.get("price"), "new": item.get("price")})
        self.db.products.update_one({"sku": item["sku"]}, {"$set": dict(item)}, upsert=True)  #@safe
        return item


class ImageStorePipeline:
    def __init__(self, images_dir):
        self.images_dir = images_dir

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("IMAGES_DIR"))

    def process_item(self, item, spider):
        url = item.get("image_url")
        if not url or not url.startswith(("http://", "https://")):
            return item
        try:
            resp = requests.get(url, timeout=20)  #@vuln CWE-918
            resp.raise_for_status()
        except requests.RequestException as exc:
            log.warning("image download failed for %s: %s", item["sku"], exc)
            return item
        filename = item.get("image_name") or url.rsplit("/", 1)[-1].split("?")[0]
        folder = os.path.join(self.images_dir, item.get("brand") or "unknown")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, filename)
        with open(path, "wb") as fh:  #@vuln CWE-22
            fh.write(resp.content)
        item["image_path"] = path
        return item
