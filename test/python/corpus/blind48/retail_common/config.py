"""Shared configuration for the back-office services (dashboard, feeds,
fulfilment and storefront API).

Most values come from the environment that ops wire up in the Helm chart;
the fallbacks below are what the services used before that existed.
"""
import os

ENV = os.environ.get("RETAIL_ENV", "production")

DATABASE = {
    "host": os.environ.get("PGHOST", "db.internal"),
    "port": int(os.environ.get("PGPORT", "5432")),
    "dbname": os.environ.get("PGDATABASE", "retail"),
    "user": os.environ.get("PGUSER", "backoffice"),
    "password": os.environ.get("PGPASSWORD", ""),
}

MONGO_URI = os.environ.get("MONGO_URI", "mongodb://mongo.internal:27017/")
MONGO_DB = "giftcards"

# --- S3 exports (Celery) --------------------------------------------------
S3_EXPORT_BUCKET = os.environ.get("S3_EXPORT_BUCKET", "acme-retail-exports")
S3_REGION = "eu-west-2"
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID", "AKIAQ4NXR7ZP2KD6M3VB")
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "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")  #@vuln CWE-798

# --- Supplier feeds ---------------------------------------------------------
SUPPLIER_FTP_HOST = "ftp.brightline-wholesale.co.uk"
SUPPLIER_FTP_USER = "acme_retail"
SUPPLIER_FTP_PASSWORD = "Brightl1ne!2019"  #@vuln CWE-798
FEED_CACHE_DIR = "/var/cache/supplier-feeds"
LEGACY_FEED_URL = "https://feeds.nordhaus-trading.de/export/acme/products.xml"
ALLOWED_FEED_HOSTS = {
    "feeds.brightline-wholesale.co.uk",
    "api.kettering-homeware.com",
    "export.greenleaf-garden.nl",
}

# --- Payments ----------------------------------------------------------------
PAYMENT_WEBHOOK_SECRET = os.environ["PAYMENT_WEBHOOK_SECRET"]
PAYMENT_PARTNER_JWT_KEY = os.environ.get("PAYMENT_PARTNER_JWT_KEY", "")
CARD_TOKEN_KEY = os.environ.get("CARD_TOKEN_KEY", "").encode()

# --- Fulfilment ----------------------------------------------------------------
WKHTMLTOPDF_BIN = "/usr/local/bin/wkhtmltopdf"
LABEL_OUTPUT_DIR = "/var/lib/fulfilment/labels"
PACKING_SLIP_DIR = "/var/lib/fulfilment/slips"
TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "..", "fulfilment_service", "templates")
LABEL_PAGE_SIZES = {"A6", "A5", "A4", "Letter"}

# --- Customer service inbox -----------------------------------------------
ATTACHMENT_ROOT = "/srv/inbox/attachments"
LDAP_URL = os.environ.get("LDAP_URL", "ldap://ldap.acme.local")
LDAP_BASE_DN = "ou=people,dc=acme,dc=local"
LDAP_BIND_DN = "cn=svc-inbox,ou=services,dc=acme,dc=local"
LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "")

# --- Search ----------------------------------------------------------------
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "https://search.internal:9200")
PRODUCT_INDEX = "products-v3"

# --- Exports ----------------------------------------------------------------
EXPORT_WORK_DIR = "/var/tmp/exports"
