import os
from datetime import timedelta


class BaseConfig:
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///billing.db")
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SECRET_KEY = os.environ["SECRET_KEY"]  #@safe
    JWT_SECRET = os.environ.get("JWT_SECRET", "")
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"

    INVOICE_STORAGE = os.environ.get("INVOICE_STORAGE", "/var/lib/billing/invoices")
    EXPORT_DIR = os.environ.get("EXPORT_DIR", "/var/lib/billing/exports")
    PDF_RENDERER = "/usr/local/bin/wkhtmltopdf"
    PAPER_SIZES = {"A4", "Letter", "Legal"}

    LDAP_URL = "ldaps://ldap.corp.example.com"
    LDAP_BASE_DN = "ou=people,dc=example,dc=com"
    LDAP_GROUP_DN = "ou=groups,dc=example,dc=com"
    LDAP_BIND_DN = "cn=billing-svc,ou=services,dc=example,dc=com"
    LDAP_BIND_PASSWORD = "Bl1ling-Svc#2023"  #@vuln CWE-798|CWE-259

    ALLOWED_REDIRECT_HOSTS = {"billing.example.com", "app.example.com"}
    SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.example.com")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")


class DevelopmentConfig(BaseConfig):
    DEBUG = True
    SESSION_COOKIE_SECURE = False


class ProductionConfig(BaseConfig):
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    STRIPE_API_KEY = "sk_live_51Nq8ZbKx2vT9rW3pLm6YhQ0dFaUe7cJ"  #@vuln CWE-798


class TestingConfig(BaseConfig):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite:///:memory:"
