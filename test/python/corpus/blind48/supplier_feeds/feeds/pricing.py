"""Pricing and promotion rules.

Rules live in the `promo_rule` table and are edited by the trading team in
the dashboard (and, for supplier-funded promotions, by suppliers through
the partner portal).  A rule has a condition and a price expression, e.g.

    condition:  category == "garden-pots" and stock > 50
    expression: price * 0.85
"""
import ast
import decimal
import logging

from simpleeval import simple_eval

from retail_common.db import fetch_all

log = logging.getLogger(__name__)

def load_rules(partner_code):
    return fetch_all(
        "SELECT id, name, condition, expression, tiers, priority FROM promo_rule "
        "WHERE active AND (partner_code = %s OR partner_code IS NULL) ORDER BY priority",
        (partner_code,),
    )


def _compile_condition(rule):
    namespace = {}
    exec(f"def _cond(sku, category, price, cost, stock):\n    return {rule['condition']}", namespace)  #@vuln CWE-94
    return namespace["_cond"]


def _apply_expression(expression, price, cost):
    return eval(expression, {"__builtins__": {}, "D": decimal.Decimal}, {"price": price, "cost": cost})  #@vuln CWE-95


def _safe_arith(expression, price, cost):
    """Restricted evaluator used for supplier-funded rules."""
    return simple_eval(expression, names={"price": price, "cost": cost}, functions={})


def parse_tiers(raw):
    """Quantity tiers are stored as a Python literal, e.g. {10: 0.95, 50: 0.9}."""
    tiers = ast.literal_eval(raw) if raw else {}  #@safe
    return {int(k): decimal.Decimal(str(v)) for k, v in tiers.items()}


def price_product(product, rules, supplier_funded=False):
    price, cost = product["price"], product["cost"]
    for rule in rules:
        cond = _compile_condition(rule)
        if not cond(product["sku"], product["category"], price, cost, product["stock"]):
            continue
        if supplier_funded:
            price = _safe_arith(rule["expression"], price, cost)
        else:
            price = _apply_expression(rule["expression"], price, cost)
        log.debug("rule %s applied to %s -> %s", rule["name"], product["sku"], price)
    return decimal.Decimal(price).quantize(decimal.Decimal("0.01"))
