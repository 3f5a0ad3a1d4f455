from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration. Values are read from SHOP_* environment variables or .env."""

    model_config = SettingsConfigDict(env_file=".env", env_prefix="SHOP_", extra="ignore")

    app_name: str = "shopfront-api"
    environment: str = "production"
    database_url: str = "postgresql+asyncpg://shop:Sh0pfr0nt!2024@db.internal:5432/shop"  #@vuln CWE-798
    jwt_secret: str = "c2hvcGZyb250LXNpZ25pbmcta2V5LXYx"  #@vuln CWE-798
    jwt_algorithm: str = "HS256"
    access_token_ttl_minutes: int = 60

    upload_dir: str = "/var/lib/shopfront/uploads"
    invoice_dir: str = "/var/lib/shopfront/invoices"
    s3_bucket: str = "shopfront-assets"
    aws_region: str = "eu-west-1"

    public_base_url: str = "https://shop.example.com"
    allowed_redirect_hosts: list[str] = Field(default_factory=lambda: ["shop.example.com", "account.example.com"])
    webhook_allowed_hosts: list[str] = Field(default_factory=lambda: ["hooks.slack.com", "api.partner-pay.com"])

    celery_broker_url: str = "redis://redis:6379/0"
    mongo_url: str = "mongodb://mongo:27017"
    sso_base_url: str = "https://sso.example.com"
    sso_client_id: str = "shopfront"
    sso_client_secret: str = Field(default="", repr=False)


@lru_cache
def get_settings() -> Settings:
    return Settings()
