from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INVENTORY_")

    database_url: str = "postgresql+asyncpg://inventory:changeme-prod-pass@db:5432/inventory"  #@vuln CWE-798|CWE-259
    jwt_secret: str = ""
    jwt_algorithm: str = "HS256"
    export_dir: str = "/srv/inventory/exports"
    webhook_allowed_hosts: set[str] = {"hooks.partner.example", "notify.internal.example"}


@lru_cache
def get_settings() -> Settings:
    return Settings()
