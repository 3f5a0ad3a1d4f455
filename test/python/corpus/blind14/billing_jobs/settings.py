import os

MYSQL = {
    "host": os.environ.get("BILLING_DB_HOST", "mysql.internal"),
    "user": "billing",
    "password": "changeme-billing-db",  #@vuln CWE-798|CWE-259
    "database": "billing",
}

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/2")
STATEMENT_DIR = "/srv/billing/statements"
RATES_URL = "https://api.rates.example/v1/latest"
RATE_HOSTS = {"api.rates.example", "backup.rates.example"}
CARD_KEY = bytes.fromhex(os.environ["BILLING_CARD_KEY"])
