"""Runtime configuration for orders-api. Most values come from .chalice/config.json env vars."""
import json
import os
from functools import lru_cache

import boto3

STAGE = os.environ.get("STAGE", "dev")
REGION = os.environ.get("AWS_REGION", "us-east-1")

ORDERS_TABLE = os.environ.get("ORDERS_TABLE", f"orders-{STAGE}")
RECEIPTS_BUCKET = os.environ.get("RECEIPTS_BUCKET", f"acme-receipts-{STAGE}")
EVENTS_QUEUE = os.environ.get("EVENTS_QUEUE", f"order-events-{STAGE}")

# Aurora MySQL reporting replica
DB_HOST = os.environ.get("REPORTING_DB_HOST", "reporting.cluster-c9xk2lq.us-east-1.rds.amazonaws.com")
DB_NAME = os.environ.get("REPORTING_DB_NAME", "orders")
DB_USER = os.environ.get("REPORTING_DB_USER", "reporting_ro")
DB_PASSWORD = os.environ.get("REPORTING_DB_PASSWORD", "R3port!ng-Prod-2023")  #@vuln CWE-798

# TODO(payments): move to Secrets Manager before the PCI review
STRIPE_API_KEY = "sk_live_51NfQ2xLk8vT3mZ9aQw7Yh2Pc4Rb6Ud8Ef0GhJk2Lm4Np6Qr8St"  #@vuln CWE-798

FRONTEND_ORIGIN = os.environ.get("FRONTEND_ORIGIN", "https://shop.acme.example")
ALLOWED_REDIRECT_HOSTS = {"shop.acme.example", "account.acme.example", "help.acme.example"}
RECEIPT_LINK_SECRET = os.environ.get("RECEIPT_LINK_SECRET", "")
RECEIPT_CACHE_DIR = "/tmp/receipts"
THUMB_DIR = "/tmp/thumbs"


@lru_cache(maxsize=16)
def secret(name):
    client = boto3.client("secretsmanager", region_name=REGION)
    value = client.get_secret_value(SecretId=f"orders/{STAGE}/{name}")["SecretString"]
    try:
        return json.loads(value)
    except ValueError:
        return value


def jwt_secret():
    return secret("jwt-signing-key")
