from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMS_", env_file=".env", extra="ignore")

    environment: str = "production"
    db_host: str = "claims-db.internal"
    db_port: int = 5432
    db_name: str = "claims"
    db_user: str = "claims_app"
    db_password: str = "changeme-prod-pass"  #@vuln CWE-798|CWE-259
    jwt_secret: str = Field(default="", repr=False)
    jwt_audience: str = "claims-api"
    document_root: str = "/srv/claims/documents"
    allowed_redirect_hosts: list[str] = ["portal.example-insure.com"]
    session_cookie_name: str = "claims_session"

    @property
    def database_url(self) -> str:
        return f"postgresql+asyncpg://{self.db_user}:{self.db_password}@{self.db_host}:{self.db_port}/{self.db_name}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
