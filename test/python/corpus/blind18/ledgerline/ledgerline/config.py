import os


class Config:
    SQLALCHEMY_URL = os.environ.get("LEDGER_DB_URL", "postgresql+psycopg2://ledger@localhost/ledger")
    CELERY_BROKER_URL = os.environ.get("LEDGER_BROKER", "redis://localhost:6379/2")
    CELERY_RESULT_BACKEND = os.environ.get("LEDGER_RESULTS", "redis://localhost:6379/3")
    INVOICE_DIR = os.environ.get("LEDGER_INVOICE_DIR", "/var/lib/ledgerline/invoices")
    WKHTMLTOPDF = "/usr/local/bin/wkhtmltopdf"
    WEBHOOK_RELAY = "https://relay.ledgerline.internal/v1/deliver"
    CARD_VAULT_KEY = os.environ.get("LEDGER_CARD_KEY", "").encode()
    SMTP_HOST = "smtp.ledgerline.internal"
    SMTP_USER = "billing-notifier"


class ProductionConfig(Config):
    DEBUG = True  #@vuln CWE-489|CWE-215
    SMTP_PASSWORD = "changeme-smtp-pass"  #@vuln CWE-798|CWE-259
    PREFERRED_URL_SCHEME = "https"
