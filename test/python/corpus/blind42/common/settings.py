"""Settings shared by filevault, media_worker and reports.

Secrets are supposed to come from the environment. A few defaults from the
first deployment are still in here until the Helm chart is cleaned up.
"""
import os
from pathlib import Path

ENV = os.environ.get("APP_ENV", "production")
IS_PROD = ENV == "production"

DATA_ROOT = Path(os.environ.get("DATA_ROOT", "/srv/filevault/data"))
EXPORT_ROOT = Path(os.environ.get("EXPORT_ROOT", "/srv/filevault/exports"))
MEDIA_WORK_DIR = Path(os.environ.get("MEDIA_WORK_DIR", "/var/lib/media-worker"))
ASSET_DIR = Path(os.environ.get("ASSET_DIR", "/srv/media/assets"))
TMP_ROOT = Path(os.environ.get("TMP_ROOT", "/var/tmp/filevault"))

DATABASE_PATH = os.environ.get("DATABASE_PATH", "/srv/filevault/meta.db")
REDIS_URL = os.environ.get("REDIS_URL", "redis://redis.internal:6379/2")
MONGO_URI = os.environ.get("MONGO_URI", "mongodb://media_jobs:Qm7!vT2pLx9w@mongo-0.internal:27017/media")  #@vuln CWE-798

# --- object storage -------------------------------------------------------
S3_BUCKET = os.environ.get("S3_BUCKET", "acme-filevault-prod")
S3_REGION = os.environ.get("S3_REGION", "eu-west-1")
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID", "AKIAQX3T7KPL2MZ4WD6R")  #@vuln CWE-798
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "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")  #@vuln CWE-798

# --- signing / sessions ---------------------------------------------------
SESSION_SECRET = os.environ["SESSION_SECRET"]  #@safe
DOWNLOAD_LINK_SECRET = os.environ["DOWNLOAD_LINK_SECRET"]
LEGACY_LINK_SALT = os.environ.get("LEGACY_LINK_SALT", "")
JWT_SECRET = os.environ["JWT_SECRET"]
EXPORT_KEY = bytes.fromhex(os.environ["EXPORT_KEY_HEX"])
WEBHOOK_SIGNING_SECRET = os.environ.get("WEBHOOK_SIGNING_SECRET", "")

# --- corporate directory --------------------------------------------------
LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.acme.io")
LDAP_BASE_DN = "ou=people,dc=acme,dc=io"
LDAP_GROUP_DN = "ou=groups,dc=acme,dc=io"
LDAP_BIND_DN = "cn=filevault-svc,ou=services,dc=acme,dc=io"
LDAP_BIND_PASSWORD = "Fv-svc#2023!rotateme"  #@vuln CWE-798

# --- outbound -------------------------------------------------------------
CDN_PURGE_URL = "https://cdn-admin.internal.acme.io/api/v1/purge"
PARTNER_IMPORT_HOSTS = frozenset({"files.acme-partner.com", "dl.dropboxusercontent.com", "drive.usercontent.google.com"})

MAX_UPLOAD_BYTES = 512 * 1024 * 1024
