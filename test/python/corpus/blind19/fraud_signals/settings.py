from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class FraudSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FRAUD_", env_file=".env", extra="ignore")

    mongo_uri: str = "mongodb://fraud-db.internal:27017/?replicaSet=rs0"
    mongo_db: str = "fraud"
    redis_url: str = "redis://redis.internal:6379/5"
    enrichment_timeout: float = 5.0
    watchlist_url: str = "https://sanctions.example-insure.com/v1/watchlist.json"
    jwt_public_key: str = ""
    id_mask_key_hex: str = ""


@lru_cache
def get_settings() -> FraudSettings:
    return FraudSettings()
