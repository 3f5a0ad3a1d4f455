"""Merchant-configurable discount rules.

Rules are authored in the dashboard as small python-ish expressions, e.g.
    qty >= 10 and country in ("DE", "FR")
"""
import ast
import re
from decimal import Decimal
from typing import Optional, Pattern


def sku_matcher(pattern: Optional[str]) -> Optional[Pattern[str]]:
    if not pattern:
        return None
    return re.compile(pattern)  #@vuln CWE-1333


def prefix_matcher(prefix: str) -> Pattern[str]:
    return re.compile(re.escape(prefix.upper()) + r"[A-Z0-9\-]*$")  #@safe


class PricingEngine:
    def __init__(self, rules: list[dict]):
        self.rules = rules

    def _context(self, order: dict, price: Decimal) -> dict:
        return {
            "qty": int(order["quantity"]),
            "price": float(price),
            "country": order.get("shipping_country", ""),
            "sku": order.get("sku", ""),
        }

    def apply(self, order: dict) -> Decimal:
        price = Decimal(str(order["unit_price"])) * int(order["quantity"])
        ctx = self._context(order, price)
        for rule in self.rules:
            matcher = sku_matcher(rule.get("sku_pattern"))
            if matcher and not matcher.search(ctx["sku"]):
                continue
            if eval(rule["condition"], {"__builtins__": {}}, ctx):  #@vuln CWE-95
                price = price * (Decimal(1) - Decimal(str(rule["discount"])))
                ctx["price"] = float(price)
        return price.quantize(Decimal("0.01"))


def parse_tier_table(raw: str) -> list[tuple[int, float]]:
    """Volume tiers are pasted as a literal list: [(10, 0.05), (100, 0.1)]"""
    tiers = ast.literal_eval(raw)  #@safe
    if not isinstance(tiers, (list, tuple)):
        raise ValueError("tier table must be a list")
    return sorted((int(q), float(d)) for q, d in tiers)


def tier_discount(tiers: list[tuple[int, float]], qty: int) -> float:
    best = 0.0
    for threshold, discount in tiers:
        if qty >= threshold:
            best = discount
    return best
