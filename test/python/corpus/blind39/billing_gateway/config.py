from functools import lru_cache
from typing import List

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BILLING_", env_file=".env")

    database_url: str
    mongo_url: str = "mongodb://mongo:27017"
    jwt_secret: str
    jwt_issuer: str = "https://auth.acme-wholesale.com"
    cors_origins: List[str] = ["https://billing.acme-wholesale.com", "https://portal.acme-wholesale.com"]

    payhub_base_url: str = "https://api.payhub.example.com/v2"
    payhub_api_key: str = "phk_live_51HfT2aJx9QwErTyUiOp0ZxCvBnM"  #@vuln CWE-798
    fx_base_url: str = "https://fx.acme-wholesale.com/rates"
    tax_base_url: str = "https://tax.legacy-partner.example.com"

    smtp_host: str = "smtp.acme-wholesale.com"
    smtp_user: str = "billing-noreply"
    smtp_password: str = "Wint3r!Billing2023"  #@vuln CWE-798|CWE-259

    export_dir: str = "/srv/billing/exports"
    receipt_footer: str = "Thank you for your business."
    webhook_secret: str = ""


@lru_cache
def get_settings() -> Settings:
    return Settings()
