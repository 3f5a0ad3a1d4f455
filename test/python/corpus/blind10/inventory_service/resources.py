"""
Falcon resources for the warehouse inventory service.

Routes are registered in ``inventory_service.app``:

    /items            ItemCollectionResource
    /items/search     ItemSearchResource
    /items/low-stock  LowStockResource
    /labels/{sku}     LabelResource
    /printers/status  PrinterStatusResource
    /imports          BulkImportResource
    /adjustments      StockAdjustmentResource
"""
import json
import logging
import os
import subprocess
import uuid
from urllib.parse import urlparse

import falcon
import requests
import yaml
from pymongo import MongoClient

log = logging.getLogger("inventory.resources")

MONGO_URI = os.environ.get("MONGO_URI", "mongodb://inventory_svc:Wh-Inv3nt0ry-2023@mongo.internal:27017/inventory")  #@vuln CWE-798|CWE-259
LABEL_API_TOKEN = os.environ["LABEL_API_TOKEN"]  #@safe
LABEL_DIR = os.environ.get("LABEL_DIR", "/var/lib/inventory/labels")
PARTNER_HOSTS = {"hooks.partner-logistics.example", "erp.internal.example"}


def get_db():
    client = MongoClient(MONGO_URI, serverSelectionTimeoutMS=3000)
    return client.get_default_database()


def _post_callback(url, payload):
    log.info("posting adjustment callback to %s", url)
    return requests.post(url, json=payload, timeout=5)  #@vuln CWE-918


def _post_partner_hook(url, payload):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in PARTNER_HOSTS:
        raise falcon.HTTPBadRequest(title="invalid partner hook", description=url)
    return requests.post(url, json=payload, timeout=5, headers={"X-Label-Token": LABEL_API_TOKEN})  #@safe


class _MongoResource:
    def __init__(self, db=None):
        self.db = db if db is not None else get_db()


class ItemCollectionResource(_MongoResource):
    def on_get(self, req, resp):
        sku = req.get_param("sku", required=True)
        doc = self.db.items.find_one({"sku": str(sku)}, {"_id": 0})  #@safe
        if doc is None:
            raise falcon.HTTPNotFound()
        resp.media = doc


class ItemSearchResource(_MongoResource):
    def on_post(self, req, resp):
        body = req.media or {}
        criteria = body.get("filter", {})
        limit = min(int(body.get("limit", 50)), 200)
        cursor = self.db.items.find(criteria, {"_id": 0}).limit(limit)  #@vuln CWE-943
        resp.media = {"items": list(cursor)}


class LowStockResource(_MongoResource):
    def on_get(self, req, resp):
        threshold = req.get_param("threshold", default="5")
        warehouse = req.get_param("warehouse", default="main")
        expression = "this.quantity < %s && this.warehouse == '%s'" % (threshold, warehouse)
        docs = list(self.db.items.find({"$where": expression}, {"_id": 0}))  #@vuln CWE-943
        resp.media = {"count": len(docs), "items": docs}


class LabelResource:
    def _render(self, sku):
        out_path = os.path.join(LABEL_DIR, f"{uuid.uuid4().hex}.png")
        subprocess.run(["zint", "--barcode=20", "--output", out_path, "--data", sku], check=True, timeout=10)  #@safe
        return out_path

    def on_post(self, req, resp, sku):
        body = req.media or {}
        printer = body.get("printer", "dock-a")
        copies = body.get("copies", 1)
        label_path = self._render(sku)
        command = "lpr -P {} -# {} {}".format(printer, copies, label_path)
        result = subprocess.run(command, shell=True, capture_output=True, text=True)  #@vuln CWE-78
        if result.returncode != 0:
            log.error("print failed: %s", result.stderr)
            raise falcon.HTTPBadGateway(title="printer error")
        resp.status = falcon.HTTP_202
        resp.media = {"label": os.path.basename(label_path)}

    def on_delete(self, req, resp, sku):
        name = req.get_param("file", required=True)
        os.remove(os.path.join(LABEL_DIR, name))  #@vuln CWE-22
        log.info("removed label %s for %s", name, sku)
        resp.status = falcon.HTTP_204


class PrinterStatusResource:
    def on_get(self, req, resp):
        queue = req.get_param("queue", required=True)
        output = os.popen("lpstat -p " + queue).read()  #@vuln CWE-78
        resp.media = {"queue": queue, "status": output.strip()}


class BulkImportResource(_MongoResource):
    def on_post(self, req, resp):
        raw = req.bounded_stream.read()
        if req.content_type and "yaml" in req.content_type:
            records = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
        else:
            records = json.loads(raw)
        if not isinstance(records, list):
            raise falcon.HTTPBadRequest(title="expected a list of items")
        result = self.db.items.insert_many(records)
        resp.status = falcon.HTTP_201
        resp.media = {"inserted": len(result.inserted_ids)}

    def on_put(self, req, resp):
        manifest = yaml.safe_load(req.bounded_stream.read())  #@safe
        skus = [str(entry["sku"]) for entry in manifest.get("items", [])]
        self.db.manifests.insert_one({"skus": skus, "source": manifest.get("source", "unknown")})
        resp.media = {"accepted": len(skus)}


class StockAdjustmentResource(_MongoResource):
    def on_post(self, req, resp):
        body = req.media
        sku = str(body["sku"])
        delta = int(body["delta"])
        self.db.items.update_one({"sku": sku}, {"$inc": {"quantity": delta}})
        event = {"sku": sku, "delta": delta, "id": uuid.uuid4().hex}
        if body.get("callback_url"):
            _post_callback(body["callback_url"], event)
        if body.get("partner_hook"):
            _post_partner_hook(body["partner_hook"], event)
        resp.media = event
