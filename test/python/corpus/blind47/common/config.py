"""Shared settings for the payments services.

Values come from the environment (see deploy/helm/values.yaml). Module-level constants at the
bottom are the legacy ones that the workers and the admin CLI still import directly.
"""
import os
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PAY_", env_file=".env", extra="ignore")

    env: str = "production"
    database_url: str
    mongo_url: str = "mongodb://audit-db:27017"
    redis_url: str = "redis://redis:6379/0"
    stripe_api_key: str
    stripe_webhook_secret: str
    paypal_api_base: str = "https://api-m.paypal.com"
    paypal_client_id: str
    paypal_client_secret: str
    paypal_webhook_id: str
    jwt_secret: str
    card_data_key_b64: str
    kyc_bucket: str = "acme-kyc-documents"
    statements_dir: str = "/srv/statements"
    upload_dir: str = "/srv/imports/incoming"
    export_dir: str = "/srv/exports"
    fx_api_base: str = "https://api.exchangerate.host"
    public_base_url: str = "https://pay.acme-fin.com"
    allowed_redirect_hosts: list[str] = ["pay.acme-fin.com", "dashboard.acme-fin.com"]


@lru_cache
def get_settings() -> Settings:
    return Settings()


FX_PARTNER_API_KEY = os.environ.get("FX_PARTNER_API_KEY", "")
SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.mailgun.org")
SMTP_USER = "postmaster@mg.acme-fin.com"
SMTP_PASSWORD = "9f8c1e2b7d3a4f60b5e1c2d3a7-2b1a9c7e-4d5f6a7b"  #@vuln CWE-798
LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.acme-fin.com")
LDAP_BASE_DN = "ou=people,dc=acme-fin,dc=com"
LDAP_BIND_DN = "cn=svc-payments,ou=services,dc=acme-fin,dc=com"
LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "")
