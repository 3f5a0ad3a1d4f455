"""Runtime configuration shared by the API, workers, tool server and CLI."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEXVAULT_", env_file=".env", extra="ignore")

    environment: str = "development"
    debug: bool = False
    database_url: str = "postgresql+psycopg2://lexvault@localhost:5432/lexvault"
    redis_url: str = "redis://localhost:6379/0"

    storage_root: Path = Path("/srv/lexvault/matters")
    export_root: Path = Path("/srv/lexvault/exports")
    template_root: Path = Path(__file__).resolve().parent.parent / "templates"

    # review cluster (current) and the archive cluster kept for closed matters
    opensearch_hosts: list[str] = ["https://search.lexvault.internal:9200"]
    opensearch_user: str = "lexvault_app"
    opensearch_password: str = "Rev1ew-Cluster-2023!"  #@vuln CWE-798
    opensearch_ca_bundle: str = "/etc/lexvault/ca/opensearch-ca.pem"
    archive_es_url: str = "https://archive-es.lexvault.internal:9200"
    archive_es_api_key: str = Field(default_factory=lambda: os.environ.get("LEXVAULT_ARCHIVE_ES_API_KEY", ""))

    internal_ca_bundle: str = "/etc/lexvault/ca/internal-bundle.pem"

    jwt_secret: str = Field(default_factory=lambda: os.environ["LEXVAULT_JWT_SECRET"])  #@safe
    jwt_algorithm: str = "HS256"
    session_ttl_minutes: int = 480
    intake_secret: str = Field(default_factory=lambda: os.environ.get("LEXVAULT_INTAKE_SECRET", ""))

    ldap_url: str = "ldaps://dc01.firm.local"
    ldap_base_dn: str = "ou=people,dc=firm,dc=local"
    ldap_group_dn: str = "ou=groups,dc=firm,dc=local"
    ldap_bind_dn: str = "cn=svc-lexvault,ou=service,dc=firm,dc=local"
    ldap_bind_password: str = Field(default_factory=lambda: os.environ.get("LEXVAULT_LDAP_BIND_PASSWORD", ""))

    sso_token_url: str = "https://login.firm.local/oauth2/token"
    sso_client_id: str = "lexvault-review"
    sso_client_secret: str = Field(default_factory=lambda: os.environ.get("LEXVAULT_SSO_CLIENT_SECRET", ""))

    allowed_redirect_hosts: list[str] = ["review.lexvault.io", "admin.lexvault.io"]
    cors_origins: list[str] = ["https://review.lexvault.io", "https://admin.lexvault.io"]
    webhook_allowed_hosts: list[str] = ["hooks.lexvault.io", "intake.lexvault.io"]
    caselaw_hosts: list[str] = ["api.courtlistener.com", "www.govinfo.gov"]

    vendor_portal_url: str = "https://portal.docprocessing-partner.com/api/v2"
    vendor_portal_user: str = "lexvault"
    vendor_portal_token: str = Field(default_factory=lambda: os.environ.get("LEXVAULT_VENDOR_TOKEN", ""))

    libreoffice_bin: str = "/usr/bin/soffice"
    tesseract_bin: str = "/usr/bin/tesseract"
    pdftotext_bin: str = "/usr/bin/pdftotext"
    pdfinfo_bin: str = "/usr/bin/pdfinfo"

    sftp_host: str = "sftp.lexvault.io"
    sftp_user: str = "productions"
    sftp_known_hosts: str = "/etc/lexvault/ssh/known_hosts"

    toolserver_port: int = 8765


@lru_cache
def get_settings() -> Settings:
    return Settings()
