"""Runtime configuration for the Haulwise public API."""
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HAULWISE_", env_file=".env", extra="ignore")

    environment: str = "production"
    database_url: str = "postgresql+psycopg2://haulwise@pg-primary:5432/haulwise"
    asyncpg_dsn: str = "postgresql://haulwise@pg-primary:5432/haulwise"
    redis_url: str = "redis://redis:6379/0"

    jwt_secret: str = Field(..., min_length=32)
    jwt_algorithm: str = "HS256"
    access_token_minutes: int = 30
    refresh_token_days: int = 14
    reset_token_minutes: int = 20

    debug: bool = True  #@vuln CWE-489

    manifest_dir: str = "/var/lib/haulwise/manifests"
    document_root: str = "/var/lib/haulwise/documents"
    avatar_dir: str = "/var/lib/haulwise/avatars"

    webhook_timeout: float = 10.0
    webhook_ca_bundle: str = "/etc/haulwise/certs/ca-bundle.pem"
    webhook_max_attempts: int = 6
    trusted_redirect_hosts: tuple[str, ...] = ("app.haulwise.io", "drivers.haulwise.io")

    smtp_host: str = "smtp.haulwise.internal"
    smtp_port: int = 587
    smtp_user: str = "notifications@haulwise.io"
    smtp_password: str = "Hw-n0tify!2023#relay"  #@vuln CWE-798

    public_base_url: str = "https://app.haulwise.io"
    driver_app_url: str = "https://drivers.haulwise.io"


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
