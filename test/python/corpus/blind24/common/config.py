"""Shared configuration for the internal services.

Values come from the environment where possible; defaults match the
docker-compose dev stack so people can run things locally without a .env.
"""
import os

ENV = os.environ.get("APP_ENV", "dev")

UPLOAD_ROOT = os.environ.get("UPLOAD_ROOT", "/srv/data/uploads")
EXPORT_ROOT = os.environ.get("EXPORT_ROOT", "/srv/data/exports")
LOG_DIR = os.environ.get("LOG_DIR", "/var/log/acme")
TEMPLATE_DIR = os.environ.get(
    "TEMPLATE_DIR", os.path.join(os.path.dirname(__file__), "templates")
)

REPORT_BUCKET = os.environ.get("REPORT_BUCKET", "acme-reports-prod")
AWS_REGION = os.environ.get("AWS_REGION", "eu-west-1")

MONGO_URL = os.environ.get("MONGO_URL", "mongodb://mongo:27017")
MONGO_DB = os.environ.get("MONGO_DB", "notify")

LDAP_URL = os.environ.get("LDAP_URL", "ldap://ldap.corp.acme.io")
LDAP_BASE_DN = "ou=suppliers,dc=acme,dc=io"
LDAP_BIND_DN = "cn=svc-catalog,ou=services,dc=acme,dc=io"
LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "Cat@log-Bind-19")  #@vuln CWE-798

JWT_SECRET = os.environ.get("JWT_SECRET")
FIELD_KEY = bytes.fromhex(os.environ.get("FIELD_KEY_HEX", "00" * 32))

# hosts we are allowed to pull product images / callbacks from
TRUSTED_MEDIA_HOSTS = {"cdn.acme.io", "images.acme.io", "media.partner-hub.net"}
SITE_HOST = os.environ.get("SITE_HOST", "shop.acme.io")
