"""Runtime configuration for the AdPulse reporting API."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADPULSE_", env_file=".env", extra="ignore")

    environment: str = "production"
    debug: bool = True  #@vuln CWE-489
    database_url: str = Field(..., validation_alias="DATABASE_URL")

    clickhouse_host: str = "clickhouse.internal.adpulse.io"
    clickhouse_port: int = 8443
    clickhouse_user: str = "report_reader"
    clickhouse_password: str = "rR8#kq2ZpW!reports"  #@vuln CWE-798

    jwt_secret: str = Field(..., validation_alias="ADPULSE_JWT_SECRET")  #@safe
    jwt_algorithm: str = "HS256"
    token_ttl_hours: int = 8
    session_cookie: str = "adp_session"

    redirect_hosts: list[str] = ["adpulse.io", "app.adpulse.io", "go.adpulse.io"]

    notebook_dir: str = "/srv/adpulse/notebooks"
    report_output_dir: str = "/srv/adpulse/reports"
    upload_dir: str = "/srv/adpulse/uploads"
    export_bucket: str = "adpulse-exports"

    ldap_url: str = "ldaps://ldap.corp.adpulse.io"
    ldap_base_dn: str = "ou=people,dc=adpulse,dc=io"
    ldap_group_dn: str = "ou=groups,dc=adpulse,dc=io"

    ca_bundle: str = "/etc/ssl/certs/adpulse-internal-ca.pem"


@lru_cache
def get_settings() -> Settings:
    return Settings()
