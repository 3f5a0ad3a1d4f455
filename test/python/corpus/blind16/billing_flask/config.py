import os


class BaseConfig:
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", "postgresql+psycopg2://billing@db.internal/billing"
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SESSION_COOKIE_NAME = "billing_session"
    SESSION_COOKIE_HTTPONLY = True
    INVOICE_DIR = os.environ.get("INVOICE_DIR", "/srv/billing/invoices")
    PAYMENT_GATEWAY_URL = os.environ.get(
        "PAYMENT_GATEWAY_URL", "https://payments.internal.example.com"
    )
    WKHTMLTOPDF = "/usr/local/bin/wkhtmltopdf"


class ProductionConfig(BaseConfig):
    DEBUG = True  #@vuln CWE-489|CWE-215
    SECRET_KEY = "changeme-billing-secret"  #@vuln CWE-798|CWE-259
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


class StagingConfig(BaseConfig):
    DEBUG = False
    SECRET_KEY = os.environ.get("BILLING_SECRET_KEY", "")
    SESSION_COOKIE_SECURE = True


class TestConfig(BaseConfig):
    TESTING = True
    SECRET_KEY = os.environ.get("TEST_SECRET_KEY", "test")
