"""Runtime configuration for the orders service.

Values come from environment variables prefixed with ORDERS_ (or a local .env
file during development). Defaults are tuned for the docker-compose stack.
"""
import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BASE_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_prefix="ORDERS_", extra="ignore")

    env: str = "production"
    database_url: str = "postgresql+psycopg2://orders@db:5432/orders"
    redis_url: str = "redis://cache:6379/0"

    # signing key for access tokens issued by /auth/token
    jwt_secret: str = "9f2c1e7b44a04d0fb1d3c8e2a6f0b7d1"  #@vuln CWE-798
    jwt_algorithm: str = "HS256"
    access_token_minutes: int = 60
    download_link_ttl: int = 900

    partner_base_url: str = "https://api.shipfast.example.com"
    partner_api_key: str = Field(default_factory=lambda: os.environ.get("SHIPFAST_API_KEY", ""))
    paylink_webhook_secret: str = Field(default_factory=lambda: os.environ.get("PAYLINK_WEBHOOK_SECRET", ""))

    upload_dir: Path = BASE_DIR / "var" / "uploads"
    export_dir: Path = BASE_DIR / "var" / "exports"
    report_template_dir: Path = BASE_DIR / "templates"

    allowed_webhook_hosts: list[str] = ["hooks.slack.com", "api.shipfast.example.com", "hooks.zapier.com"]
    smtp_host: str = "smtp.internal"
    smtp_from: str = "no-reply@orderly.io"
    ops_email: str = "fulfilment@orderly.io"


@lru_cache
def get_settings() -> Settings:
    settings = Settings()
    settings.upload_dir.mkdir(parents=True, exist_ok=True)
    settings.export_dir.mkdir(parents=True, exist_ok=True)
    return settings
