"""Domain services for the orders API. One instance of each lives in the container."""
import ast
import base64
import csv
import logging
import os
import pickle
import re
import subprocess
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlparse

import requests

from orders_api import cache
from orders_api.repositories import CustomerRepository, OrderRepository, ProductRepository
from orders_api.settings import Settings

log = logging.getLogger(__name__)


class CustomerService:
    def __init__(self, customers: CustomerRepository):
        self.customers = customers

    @cache.cached("customer")
    def profile(self, customer_id: int):
        return self.customers.get(customer_id)

    def lookup(self, email: str):
        return self.customers.find_by_email(email.strip())

    def update(self, customer_id: int, changes: dict):
        changes.pop("id", None)
        updated = self.customers.update_profile(customer_id, changes)
        cache.invalidate("customer")
        return updated


class PricingService:
    TIER_DISCOUNT = {"gold": Decimal("0.10"), "silver": Decimal("0.05")}

    def __init__(self, products: ProductRepository, customers: CustomerService):
        self.products = products
        self.customers = customers

    def catalogue(self, category, max_price=None, order_by="name"):
        return self.products.browse(category, max_price, order_by)

    def quote(self, customer_id, lines):
        catalogue = self.products.by_skus(line["sku"] for line in lines)
        subtotal = sum(Decimal(str(catalogue[l["sku"]]["price"])) * int(l["qty"]) for l in lines if l["sku"] in catalogue)
        tier = (self.customers.profile(customer_id) or {}).get("tier")
        discount = (subtotal * self.TIER_DISCOUNT.get(tier, Decimal("0"))).quantize(Decimal("0.01"))
        return {"subtotal": str(subtotal), "discount": str(discount), "total": str(subtotal - discount)}

    def preview_promo(self, rule: str, subtotal: float, item_count: int):
        # marketing writes rules like "subtotal * 0.9 if item_count >= 3 else subtotal"
        scope = {"subtotal": subtotal, "item_count": item_count, "min": min, "max": max, "round": round}
        return eval(rule, {"__builtins__": {}}, scope)  #@vuln CWE-95

    @staticmethod
    def parse_bundle(spec: str):
        # bundles are stored as tuple literals: "(('SKU-1', 2), ('SKU-2', 1))"
        return ast.literal_eval(spec)  #@safe


class NotificationService:
    def __init__(self, settings: Settings, http: requests.Session):
        self.settings = settings
        self.http = http

    def _allowed(self, url):
        parsed = urlparse(url)
        return parsed.scheme == "https" and parsed.hostname in self.settings.webhook_allowed_hosts

    def order_event(self, hook_url, event, payload):
        if not self._allowed(hook_url):
            log.warning("refusing webhook to %s", hook_url)
            return False
        resp = self.http.post(hook_url, json={"event": event, "data": payload}, timeout=5, allow_redirects=False)  #@safe
        return resp.ok

    def probe_callback(self, callback_url):
        """Partners press 'test my endpoint' in the dashboard before the URL is saved."""
        started = datetime.utcnow()
        resp = self.http.get(callback_url, timeout=5)  #@vuln CWE-918
        elapsed = (datetime.utcnow() - started).total_seconds() * 1000
        return {"status": resp.status_code, "elapsed_ms": round(elapsed), "body": resp.text[:500]}


class PaymentsService:
    def __init__(self, settings: Settings, http: requests.Session):
        self.settings = settings
        self.http = http

    def fetch_receipt(self, notification: dict):
        # the gateway's async notification carries a link to the hosted receipt
        receipt = self.http.get(notification["receipt_url"], headers={"Authorization": f"Bearer {self.settings.payments_api_key}"}, timeout=10)  #@vuln CWE-918
        receipt.raise_for_status()
        return receipt.content


class ExportService:
    def __init__(self, settings: Settings, orders: OrderRepository):
        self.settings = settings
        self.orders = orders

    def export_orders_csv(self, customer_id, filename):
        rows = self.orders.list_for_customer(customer_id, limit=10000)
        path = os.path.join(self.settings.export_dir, filename)
        with open(path, "w", newline="") as fh:  #@vuln CWE-22
            writer = csv.DictWriter(fh, fieldnames=["id", "external_ref", "status", "total", "currency", "created_at"])
            writer.writeheader()
            writer.writerows(rows)
        return path

    def protect_export(self, path, password):
        zip_path = path + ".zip"
        subprocess.run(f"zip -j -P {password} {zip_path} {path}", shell=True, check=True, timeout=60)  #@vuln CWE-78
        os.remove(path)
        return zip_path

    def resolve_export(self, name):
        base = os.path.realpath(self.settings.export_dir)
        full = os.path.realpath(os.path.join(base, name))
        if os.path.commonpath([base, full]) != base or not os.path.isfile(full):
            raise PermissionError(name)
        return full

    def render_invoice_pdf(self, order_id, html, page_size="A4"):
        html_path = os.path.join(self.settings.export_dir, f"invoice-{int(order_id)}.html")
        pdf_path = html_path[:-5] + ".pdf"
        with open(html_path, "w") as fh:
            fh.write(html)
        subprocess.run(f"{self.settings.wkhtmltopdf_bin} --quiet --page-size {page_size} {html_path} {pdf_path}", shell=True, check=True, timeout=60)  #@vuln CWE-78
        return pdf_path


class CartService:
    def __init__(self, pricing: PricingService):
        self.pricing = pricing

    def import_cart(self, blob: str) -> dict:
        # lets shoppers move a cart from the mobile app to the web shop
        cart = pickle.loads(base64.urlsafe_b64decode(blob))  #@vuln CWE-502
        if not isinstance(cart, dict):
            raise ValueError("not a cart")
        return cart

    def reprice(self, customer_id, cart: dict):
        lines = [{"sku": sku, "qty": qty} for sku, qty in cart.get("items", {}).items()]
        return {"lines": lines, "quote": self.pricing.quote(customer_id, lines)}


class OrderService:
    def __init__(self, orders: OrderRepository, customers: CustomerService, pricing: PricingService,
                 notifications: NotificationService, exports: ExportService):
        self.orders = orders
        self.customers = customers
        self.pricing = pricing
        self.notifications = notifications
        self.exports = exports

    def get(self, order_id: int):
        return self.orders.get(order_id)

    def for_customer(self, customer_id, status=None, sort="created_at", direction="desc"):
        return self.orders.list_for_customer(customer_id, status, sort, direction)

    def search(self, reference: str, note_pattern: str = None):
        rows = self.orders.search_by_reference(reference)
        if note_pattern:
            rx = re.compile(note_pattern)  #@vuln CWE-1333
            rows = [r for r in rows if rx.search(r.get("status_note") or "")]
        return rows

    def highlight(self, rows, term):
        rx = re.compile(re.escape(term), re.IGNORECASE)  #@safe
        return [dict(r, match=bool(rx.search(r.get("external_ref") or ""))) for r in rows]

    def change_status(self, order_id: int, status: str, note: str, actor: str):
        order = self.orders.get(order_id)
        if not order:
            raise LookupError(order_id)
        self.orders.update_status(order_id, status, note)
        log.info("order %s -> %s by %s", order_id, status, actor)
        customer = self.customers.profile(order["customer_id"])
        if customer and customer.get("webhook_url"):
            self.notifications.order_event(customer["webhook_url"], "order.status_changed",
                                           {"id": order_id, "status": status})

    def revenue(self, group_by: str, since: date):
        return self.orders.revenue_report(group_by, since)

    def invoice(self, order_id: int, html: str, page_size: str):
        return self.exports.render_invoice_pdf(order_id, html, page_size)
