import os
from dataclasses import dataclass, field


@dataclass
class Settings:
    storage_root: str = os.environ.get("DOCS_ROOT", "/var/lib/docs")
    mongo_uri: str = "mongodb://docs_admin:changeme-mongo-pass@mongo.internal:27017/docs"  #@vuln CWE-798|CWE-259
    allowed_fetch_hosts: tuple = ("cdn.example.com", "assets.example.com")
    partner_feed_url: str = "https://partner.example.net/feeds/docs.xml"
    max_upload_mb: int = 25
    cors_origins: list = field(default_factory=lambda: ["https://app.example.com"])


settings = Settings()
