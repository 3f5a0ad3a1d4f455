"""Order service (Falcon + psycopg2)."""
import base64
import hashlib
import json
import os
import pickle
import random
import secrets
import uuid

import falcon
import psycopg2
import psycopg2.extras
import yaml
from psycopg2 import sql

DB_DSN = os.environ.get("ORDERS_DSN", "dbname=orders")


def db():
    return psycopg2.connect(DB_DSN, cursor_factory=psycopg2.extras.RealDictCursor)


class OrderRepository:
    def by_status(self, status, sort_col):
        with db() as conn, conn.cursor() as cur:
            cur.execute("SELECT * FROM orders WHERE status = '%s' ORDER BY %s" % (status, sort_col))  #@vuln CWE-89
            return cur.fetchall()

    def by_status_safe(self, status, sort_col):
        allowed = {"created_at", "total", "id"}
        column = sort_col if sort_col in allowed else "created_at"
        query = sql.SQL("SELECT * FROM orders WHERE status = %s ORDER BY {}").format(sql.Identifier(column))
        with db() as conn, conn.cursor() as cur:
            cur.execute(query, (status,))  #@safe
            return cur.fetchall()

    def add_note(self, order_id, note):
        with db() as conn, conn.cursor() as cur:
            cur.execute(f"UPDATE orders SET note = '{note}' WHERE id = {order_id}")  #@vuln CWE-89
            return cur.rowcount

    def add_note_safe(self, order_id, note):
        with db() as conn, conn.cursor() as cur:
            cur.execute("UPDATE orders SET note = %(note)s WHERE id = %(id)s", {"note": note, "id": order_id})  #@safe
            return cur.rowcount


def new_order_number() -> str:
    return "ORD-%08d" % random.randrange(10**8)


def new_tracking_token() -> str:
    return "%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330


def new_download_token() -> str:
    return secrets.token_hex(16)  #@safe


def api_key_digest(api_key: str) -> str:
    return hashlib.sha1(api_key.encode()).hexdigest()  #@vuln CWE-327|CWE-328


def etag_for(body: bytes) -> str:
    return hashlib.md5(body, usedforsecurity=False).hexdigest()  #@safe


class OrdersResource:
    def __init__(self, repo: OrderRepository):
        self.repo = repo

    def on_get(self, req, resp):
        status = req.get_param("status", default="open")
        sort_col = req.get_param("sort", default="created_at")
        rows = self.repo.by_status(status, sort_col)
        resp.text = json.dumps(rows, default=str)
        resp.set_header("ETag", etag_for(resp.text.encode()))

    def on_post(self, req, resp):
        body = req.get_media()
        token = new_tracking_token()
        resp.media = {"number": new_order_number(), "tracking": token, "download": new_download_token()}
        resp.status = falcon.HTTP_201


class OrderNoteResource:
    def __init__(self, repo: OrderRepository):
        self.repo = repo

    def on_put(self, req, resp, order_id):
        note = req.get_media().get("note", "")
        self.repo.add_note(order_id, note)
        self.repo.add_note_safe(order_id, note)
        resp.media = {"ok": True}


class CartResource:
    """The cart lives in a client-side cookie to keep the service stateless."""

    def on_get(self, req, resp):
        raw = req.get_cookie_values("cart")
        cart = pickle.loads(base64.b64decode(raw[0])) if raw else {}  #@vuln CWE-502
        resp.media = {"items": cart.get("items", [])}

    def on_post(self, req, resp):
        cart = {"items": req.get_media().get("items", []), "id": str(uuid.uuid4())}
        encoded = base64.b64encode(json.dumps(cart).encode()).decode()
        resp.set_cookie("cart", encoded, secure=True, http_only=True)  #@safe
        resp.set_cookie("cart_id", cart["id"], secure=False, http_only=False)  #@vuln CWE-614|CWE-1004


class ImportResource:
    def on_post(self, req, resp):
        doc = req.bounded_stream.read().decode()
        if req.get_param_as_bool("legacy"):
            rules = yaml.load(doc, Loader=yaml.UnsafeLoader)  #@vuln CWE-502
        else:
            rules = yaml.load(doc, Loader=yaml.SafeLoader)  #@safe
        resp.media = {"rules": len(rules or [])}


class ApiKeyResource:
    def on_post(self, req, resp):
        key = req.get_media()["api_key"]
        resp.media = {"digest": api_key_digest(key)}


def create_app():
    repo = OrderRepository()
    app = falcon.App()
    app.add_route("/orders", OrdersResource(repo))
    app.add_route("/orders/{order_id:int}/note", OrderNoteResource(repo))
    app.add_route("/cart", CartResource())
    app.add_route("/import", ImportResource())
    app.add_route("/api-keys", ApiKeyResource())
    return app


app = create_app()
