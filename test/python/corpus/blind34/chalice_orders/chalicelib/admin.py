"""Back-office routes, mounted under /admin. Reached by staff through the VPN only."""
import ast
import subprocess

import yaml
from chalice import BadRequestError, Blueprint, ForbiddenError, Response

from . import config, orders_repo
from shared_lib import crypto

admin = Blueprint(__name__)

_pricing_rules = {}


def _params():
    return admin.current_request.query_params or {}


def _require_staff():
    auth = admin.current_request.headers.get("authorization", "")
    claims = crypto.read_claims(auth.replace("Bearer ", "", 1))
    if "staff" not in claims.get("groups", []):
        raise ForbiddenError("staff only")
    return claims


@admin.route("/reports/skus", methods=["GET"])
def sku_report():
    _require_staff()
    p = _params()
    return {"rows": orders_repo.sku_units(p.get("region", "us-east"), p.get("sort", "units"))}


@admin.route("/reports/top-skus", methods=["GET"])
def top_sku_report():
    _require_staff()
    p = _params()
    return {"rows": orders_repo.top_skus(p.get("region", "us-east"), p.get("sort", "units"), p.get("limit", 20))}


@admin.route("/orders/search", methods=["GET"])
def search_orders():
    _require_staff()
    p = _params()
    return {"items": orders_repo.search_orders(p.get("field", "order_status"), p.get("value", ""))}


@admin.route("/customers/lookup", methods=["GET"])
def customer_lookup():
    _require_staff()
    row = orders_repo.find_customer_by_email(_params().get("email", ""))
    return {"customer": row}


@admin.route("/customers/{customer_id}/card", methods=["GET"])
def customer_card(customer_id):
    _require_staff()
    cust = orders_repo.customer_by_id(customer_id) or {"name": "unknown", "email": ""}
    body = "<div class='card'><h3>" + cust["name"] + "</h3><p>" + cust["email"] + "</p></div>"
    return Response(body=body, status_code=200, headers={"Content-Type": "text/html"})  #@vuln CWE-79


@admin.route("/pricing/rules", methods=["PUT"], content_types=["application/x-yaml", "text/yaml"])
def upload_pricing_rules():
    _require_staff()
    rules = yaml.load(admin.current_request.raw_body, Loader=yaml.Loader)  #@vuln CWE-502
    if not isinstance(rules, dict):
        raise BadRequestError("rules must be a mapping")
    _pricing_rules.update(rules)
    return {"rules": sorted(_pricing_rules)}


@admin.route("/pricing/preview", methods=["POST"])
def preview_price():
    _require_staff()
    body = admin.current_request.json_body or {}
    formula = body.get("formula") or _pricing_rules.get(body.get("rule", ""), "base * qty")
    price = eval(formula, {"__builtins__": {}}, {"base": float(body.get("base", 0)), "qty": int(body.get("qty", 1)), "round": round})  #@vuln CWE-95
    return {"price": price}


@admin.route("/pricing/defaults", methods=["POST"], content_types=["text/plain"])
def set_default_tiers():
    _require_staff()
    tiers = ast.literal_eval(admin.current_request.raw_body.decode("utf-8"))  #@safe
    if not isinstance(tiers, (list, tuple)):
        raise BadRequestError("expected a list of tiers")
    _pricing_rules["tiers"] = list(tiers)
    return {"tiers": _pricing_rules["tiers"]}


@admin.route("/diagnostics/dns", methods=["GET"])
def dns_check():
    _require_staff()
    host = _params().get("host", config.DB_HOST)
    out = subprocess.check_output(f"dig +short {host}", shell=True, text=True, timeout=10)  #@vuln CWE-78
    return {"host": host, "answers": out.split()}
