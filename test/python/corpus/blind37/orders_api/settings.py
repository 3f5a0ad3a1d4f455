"""Settings for the orders API; imported by the container, pool, cache and maintenance scripts."""
from functools import lru_cache
from typing import List

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ORDERS_", env_file=".env", extra="ignore")

    env: str = "production"
    debug: bool = False
    log_level: str = "INFO"
    db_host: str = "orders-db.prod.internal"
    db_port: int = 5432
    db_name: str = "orders"
    db_user: str = "orders_app"
    db_password: str = "Orders#Prod2023!"  #@vuln CWE-798
    db_pool_min: int = 2
    db_pool_max: int = 16
    db_read_replicas: List[str] = ["orders-db-ro-1.prod.internal", "orders-db-ro-2.prod.internal"]
    redis_url: str = "redis://cache.prod.internal:6379/2"
    cache_ttl_seconds: int = 300
    download_token_ttl: int = 900
    jwt_secret: str = Field(..., min_length=32)
    jwt_algorithm: str = "HS256"
    jwt_audience: str = "orders-api"
    payments_base_url: str = "https://api.paygate.example.com/v2"
    payments_api_key: str = "pg_live_4f9a1c77e2b84d0c9e31a5"  #@vuln CWE-798
    export_dir: str = "/var/lib/orders/exports"
    template_dir: str = "/srv/orders/templates"
    wkhtmltopdf_bin: str = "/usr/local/bin/wkhtmltopdf"
    webhook_allowed_hosts: List[str] = ["hooks.partner-a.com", "hooks.partner-b.io"]
    cors_origins: List[str] = ["https://shop.example.com", "https://admin.shop.example.com"]


@lru_cache
def get_settings() -> Settings:
    return Settings()
