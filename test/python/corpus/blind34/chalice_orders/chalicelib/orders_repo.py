"""Data access for orders: DynamoDB for live orders, Aurora MySQL replica for reporting."""
import logging
from decimal import Decimal

import boto3
import pymysql
import pymysql.cursors
from boto3.dynamodb.conditions import Attr, Key

from . import config

log = logging.getLogger(__name__)

_dynamo = boto3.resource("dynamodb", region_name=config.REGION)
_table = _dynamo.Table(config.ORDERS_TABLE)
_client = boto3.client("dynamodb", region_name=config.REGION)

SORTABLE_SKU_COLUMNS = {"units", "revenue", "sku"}


# ---------------------------------------------------------------- DynamoDB

def get_order(customer_id, order_id):
    resp = _table.get_item(Key={"customer_id": customer_id, "order_id": order_id})
    return resp.get("Item")


def list_orders(customer_id, status=None):
    kwargs = {"KeyConditionExpression": Key("customer_id").eq(customer_id), "Limit": 100}
    if status:
        kwargs["FilterExpression"] = Attr("order_status").eq(status)
    return _table.query(**kwargs).get("Items", [])  #@safe


def search_orders(field, value):
    """Back-office search on any attribute (ops asked for it during the holiday rush)."""
    expr = f"{field} = :v"
    resp = _client.scan(TableName=config.ORDERS_TABLE, FilterExpression=expr, ExpressionAttributeValues={":v": {"S": value}}, Limit=200)  #@vuln CWE-943
    return resp.get("Items", [])


def set_callback(customer_id, order_id, url):
    _table.update_item(
        Key={"customer_id": customer_id, "order_id": order_id},
        UpdateExpression="SET callback_url = :u",
        ExpressionAttributeValues={":u": url},
    )


def store_reset_code(customer_id, code, expires_at):
    _dynamo.Table(f"{config.ORDERS_TABLE}-resets").put_item(Item={"customer_id": str(customer_id), "code": code, "expires_at": expires_at})


def apply_event(payload):
    _table.update_item(
        Key={"customer_id": payload["customer_id"], "order_id": payload["order_id"]},
        UpdateExpression="SET #s = :s, updated_at = :t",
        ExpressionAttributeNames={"#s": "order_status"},
        ExpressionAttributeValues={":s": payload["status"], ":t": Decimal(str(payload.get("ts", 0)))},
    )


# ---------------------------------------------------------------- reporting (MySQL)

def _conn():
    return pymysql.connect(
        host=config.DB_HOST,
        user=config.DB_USER,
        password=config.DB_PASSWORD,
        database=config.DB_NAME,
        cursorclass=pymysql.cursors.DictCursor,
        connect_timeout=5,
    )


def sku_units(region, sort_column):
    sql = "SELECT sku, SUM(qty) AS units, SUM(qty * unit_price) AS revenue FROM order_lines WHERE region = %s GROUP BY sku ORDER BY " + sort_column
    with _conn() as conn, conn.cursor() as cur:
        cur.execute(sql, (region,))  #@vuln CWE-89
        return cur.fetchall()


def top_skus(region, sort_column, limit=20):
    if sort_column not in SORTABLE_SKU_COLUMNS:
        sort_column = "units"
    limit = max(1, min(int(limit), 100))
    with _conn() as conn, conn.cursor() as cur:
        cur.execute(f"SELECT sku, SUM(qty) AS units, SUM(qty * unit_price) AS revenue FROM order_lines WHERE region = %s GROUP BY sku ORDER BY {sort_column} DESC LIMIT {limit}", (region,))  #@safe
        return cur.fetchall()


def find_customer_by_email(email):
    with _conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, name, email, created_at FROM customers WHERE email = '%s'" % email)  #@vuln CWE-89
        return cur.fetchone()


def customer_by_id(customer_id):
    with _conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, name, email, created_at FROM customers WHERE id = %s", (customer_id,))
        return cur.fetchone()
