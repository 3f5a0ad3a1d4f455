"""Runtime configuration for the claims API."""
import os
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMFLOW_", env_file=".env", extra="ignore")

    app_name: str = "claimflow-api"
    environment: str = "production"
    debug: bool = True  #@vuln CWE-489

    database_url: str = "postgresql+psycopg2://claimflow@db.claims.internal:5432/claims"
    redis_url: str = "redis://redis.claims.internal:6379/0"

    jwt_secret: str = "cf-jwt-2f9a81c4b7d3e6a0d55c"  #@vuln CWE-798
    jwt_algorithm: str = "HS256"
    access_token_minutes: int = 60

    document_root: str = "/var/lib/claimflow/documents"
    scratch_dir: str = "/var/lib/claimflow/scratch"
    max_upload_mb: int = 40

    policy_wsdl: str = "https://policy-core.internal.example-insure.com/PolicyService?wsdl"
    policy_ca_bundle: str = "/etc/claimflow/certs/policy-core-ca.pem"
    policy_soap_user: str = os.getenv("POLICY_SOAP_USER", "")
    policy_soap_password: str = os.getenv("POLICY_SOAP_PASSWORD", "")  #@safe

    partner_storage_hosts: tuple[str, ...] = (
        "docs.partner-storage.example-insure.com",
        "uploads.claimflow-cdn.example-insure.com",
    )
    fernet_key: str = os.getenv("CLAIMFLOW_FERNET_KEY", "")


@lru_cache
def get_settings() -> Settings:
    return Settings()
