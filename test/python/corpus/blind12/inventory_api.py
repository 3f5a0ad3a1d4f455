"""Inventory service REST API: warehouse stock, manifest imports, exports and partner webhooks."""
import os
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import wraps

import jwt
import requests
import yaml
from flask import Flask, g, request, send_file, send_from_directory
from flask_restful import Api, Resource, abort, reqparse
from lxml import etree

app = Flask(__name__)
app.config["SECRET_KEY"] = "inventory-dev-secret-key-0000"  #@vuln CWE-798
app.config["JWT_KEY"] = os.environ.get("INVENTORY_JWT_KEY", "")  #@safe
api = Api(app)

DB_PATH = os.environ.get("INVENTORY_DB", "/var/lib/inventory/inventory.db")
EXPORT_DIR = "/var/lib/inventory/exports"
PARTNER_STATUS_URL = "https://partners.internal.example.com/status"


@contextmanager
def db_cursor():
    with closing(sqlite3.connect(DB_PATH)) as conn, conn:
        yield conn.cursor()


@dataclass
class ItemQuery:
    warehouse: str
    filters: dict = field(default_factory=dict)

    def where_clause(self):
        parts = [f"warehouse = '{self.warehouse}'"] + ["%s = '%s'" % (c, v) for c, v in self.filters.items()]
        return " AND ".join(parts)


def require_token(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        token = request.headers.get("Authorization", "").replace("Bearer ", "", 1)
        try:
            g.claims = jwt.decode(token, app.config["JWT_KEY"], algorithms=["HS256"])  #@safe
        except jwt.PyJWTError:
            abort(401, message="invalid token")
        return fn(*args, **kwargs)
    return wrapper


def partner_claims(token):
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


class Item:
    EDITABLE = ("name", "quantity", "location")
    COLUMNS = ("sku", "name", "quantity", "location", "price", "owner_id")

    def __init__(self, row):
        self.__dict__.update(zip(self.COLUMNS, row))

    def to_dict(self):
        return {c: getattr(self, c) for c in self.COLUMNS}


class ItemListResource(Resource):
    method_decorators = [require_token]

    def get(self, warehouse):
        query = ItemQuery(warehouse=warehouse, filters=request.args.to_dict())
        sql = "SELECT %s FROM items WHERE %s" % (", ".join(Item.COLUMNS), query.where_clause())
        with db_cursor() as cur:
            cur.execute(sql)  #@vuln CWE-89
            return [Item(row).to_dict() for row in cur.fetchall()]


class ItemResource(Resource):
    method_decorators = [require_token]

    def _load(self, sku):
        with db_cursor() as cur:
            row = cur.execute("SELECT sku, name, quantity, location, price, owner_id FROM items WHERE sku = ?", (sku,)).fetchone()  #@safe
        if row is None:
            abort(404, message=f"unknown sku {sku}")
        return Item(row)

    def _save(self, item):
        with db_cursor() as cur:
            cur.execute("UPDATE items SET name = ?, quantity = ?, location = ?, price = ?, owner_id = ? WHERE sku = ?",  #@safe
                        (item.name, item.quantity, item.location, item.price, item.owner_id, item.sku))

    def put(self, sku):
        item = self._load(sku)
        body = request.get_json(force=True) or {}
        for key in (k for k in Item.EDITABLE if k in body):
            setattr(item, key, body[key])  #@safe
        self._save(item)
        return item.to_dict()

    def patch(self, sku):
        item = self._load(sku)
        for key, value in (request.get_json(force=True) or {}).items():
            setattr(item, key, value)  #@vuln CWE-915
        self._save(item)
        return item.to_dict()


class ExportResource(Resource):
    method_decorators = [require_token]

    def get(self, filename):
        if request.args.get("download") != "1":
            return send_from_directory(EXPORT_DIR, filename)  #@safe
        return send_file(os.path.join(EXPORT_DIR, filename), as_attachment=True)  #@vuln CWE-22


class ManifestImportResource(Resource):
    method_decorators = [require_token]

    def _parse(self, raw, fmt):
        if fmt == "xml":
            root = etree.fromstring(raw.encode(), etree.XMLParser(resolve_entities=True, load_dtd=True))  #@vuln CWE-611
            return {"items": [dict(node.attrib) for node in root.iter("item")]}
        if fmt == "legacy":
            return yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
        return yaml.safe_load(raw)  #@safe

    def post(self):
        manifest = self._parse(request.get_data(as_text=True), request.args.get("format", "yaml"))
        with db_cursor() as cur:
            for entry in manifest.get("items", []):
                cur.execute("INSERT OR REPLACE INTO items (sku, name, quantity, warehouse) VALUES (?, ?, ?, ?)",  #@safe
                            (entry["sku"], entry.get("name"), int(entry.get("quantity", 0)), g.claims["warehouse"]))
        return {"imported": len(manifest.get("items", []))}, 201


hook_parser = reqparse.RequestParser()
hook_parser.add_argument("callback_url", type=str, required=True, location="json")
hook_parser.add_argument("event", type=str, default="stock.changed", location="json")


class PartnerHookResource(Resource):
    def post(self):
        args = hook_parser.parse_args()
        claims = partner_claims(request.headers.get("X-Partner-Token", ""))
        status = requests.get(PARTNER_STATUS_URL, params={"partner": claims.get("sub")}, timeout=5)  #@safe
        delivery = requests.post(args["callback_url"], json={"event": args["event"], "partner": claims.get("sub")}, timeout=5)  #@vuln CWE-918
        return {"delivered": delivery.status_code, "partner_status": status.json().get("state")}


api.add_resource(ItemListResource, "/warehouses/<string:warehouse>/items")
api.add_resource(ItemResource, "/items/<string:sku>")
api.add_resource(ExportResource, "/exports/<path:filename>")
api.add_resource(ManifestImportResource, "/manifests")
api.add_resource(PartnerHookResource, "/partners/hooks")

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  #@vuln CWE-489|CWE-215
