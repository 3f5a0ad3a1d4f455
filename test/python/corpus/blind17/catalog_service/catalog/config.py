from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CATALOG_", env_file=".env", extra="ignore")

    database_url: str = "postgresql+psycopg://catalog:changeme-prod-pass@db.internal:5432/catalog"  #@vuln CWE-798|CWE-259
    image_dir: str = "/srv/catalog/images"
    legacy_erp_url: str = "https://legacy-erp.internal"
    allowed_feed_hosts: list[str] = ["feeds.supplier-one.example", "api.supplier-two.example"]
    request_timeout: float = 10.0


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
