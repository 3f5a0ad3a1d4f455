"""Shared runtime configuration for the ACME back-office platform.

Every sub-project (Odoo addons, the Pyramid shop, the SSO service and the
Celery workers) imports this module, so keep it free of heavy imports.
Values come from the environment; the defaults are what the docker-compose
stack uses.
"""
import os
from pathlib import Path

ENVIRONMENT = os.environ.get("ACME_ENV", "production")
DEBUG = ENVIRONMENT == "development"

BASE_DIR = Path(os.environ.get("ACME_BASE_DIR", "/srv/acme"))
EXPORT_ROOT = BASE_DIR / "exports"
ARCHIVE_ROOT = BASE_DIR / "archive"
UPLOAD_ROOT = BASE_DIR / "uploads"
XSLT_ROOT = BASE_DIR / "xslt"
REPORT_TEMPLATE_ROOT = BASE_DIR / "report_templates"
BACKUP_ROOT = BASE_DIR / "backups"

DATABASE_URL = os.environ.get("ACME_DATABASE_URL", "postgresql+psycopg2://acme@db:5432/acme")
REPORTING_DSN = os.environ.get("ACME_REPORTING_DSN", "dbname=acme_dw host=dw user=reporting")
SSO_AUDIT_DSN = os.environ.get("ACME_SSO_AUDIT_DSN", "dbname=sso host=db user=sso")
MONGO_URL = os.environ.get("ACME_MONGO_URL", "mongodb://audit-db:27017")

# --- messaging ---------------------------------------------------------------
BROKER_URL = "amqp://acme_worker:Rabb1t-Pr0d-2023@mq.internal.acme.io:5672/acme"  #@vuln CWE-798
RESULT_BACKEND = os.environ.get("ACME_RESULT_BACKEND", "redis://cache:6379/1")

# --- directory / SSO ---------------------------------------------------------
LDAP_URI = os.environ.get("ACME_LDAP_URI", "ldaps://ldap.internal.acme.io:636")
LDAP_BASE_DN = "ou=people,dc=acme,dc=io"
LDAP_GROUP_DN = "ou=groups,dc=acme,dc=io"
LDAP_BIND_DN = "cn=svc-portal,ou=services,dc=acme,dc=io"
LDAP_BIND_PASSWORD = os.environ.get("ACME_LDAP_BIND_PASSWORD", "")

JWT_SECRET = os.environ.get("ACME_JWT_SECRET", "acme-sso-signing-key-2021")  #@vuln CWE-798
JWT_ISSUER = "https://sso.acme.io"
JWT_TTL_SECONDS = 3600
SSO_ALLOWED_RETURN_HOSTS = {"portal.acme.io", "shop.acme.io", "erp.acme.io"}
SSO_BASE_URL = "https://sso.acme.io"

# --- ERP SOAP gateway --------------------------------------------------------
SAP_WSDL = os.environ.get("ACME_SAP_WSDL", "https://erp.internal.acme.io/sap/bc/srt/wsdl/zorders?sap-client=100")
SAP_USER = "RFC_PORTAL"
SAP_PASSWORD = "Sap!Portal#4471"  #@vuln CWE-798
PARTNER_SOAP_HOSTS = {"soap.partner-logistics.de", "ws.freightco.com", "edi.acme-partners.io"}

# --- outbound HTTP -----------------------------------------------------------
ALLOWED_FETCH_HOSTS = {"cdn.acme.io", "assets.partners.acme.io", "static.acme.io"}
WEBHOOK_URL = os.environ.get("ACME_WEBHOOK_URL", "https://hooks.internal.acme.io/events")
HTTP_TIMEOUT = float(os.environ.get("ACME_HTTP_TIMEOUT", "10"))

# --- crypto ------------------------------------------------------------------
FIELD_ENCRYPTION_KEY = bytes.fromhex(os.environ["ACME_FIELD_KEY"])
# DES key shared with the old PHP portal, needed to read legacy IBAN columns
LEGACY_DES_KEY = b"Pq7!xK2m"  #@vuln CWE-798
