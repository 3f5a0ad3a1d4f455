"""Runtime settings shared by every Wavecast service.

Values are read from the process environment so that the same image can be
promoted from staging to production without rebuilding.
"""
import os
from dataclasses import dataclass, field
from functools import lru_cache


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str = "") -> list:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


@dataclass
class Settings:
    environment: str = os.environ.get("WAVECAST_ENV", "production")
    debug: bool = _env_bool("WAVECAST_DEBUG")

    database_url: str = os.environ.get(
        "DATABASE_URL", "postgresql+psycopg2://wavecast@localhost/wavecast"
    )
    analytics_dsn: str = os.environ.get(
        "ANALYTICS_DSN", "dbname=wavecast_analytics host=localhost user=analytics"
    )
    redis_url: str = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    mongo_url: str = os.environ.get("MONGO_URL", "mongodb://localhost:27017")

    media_root: str = os.environ.get("MEDIA_ROOT", "/srv/wavecast/media")
    work_dir: str = os.environ.get("TRANSCODE_WORK_DIR", "/srv/wavecast/work")
    export_dir: str = os.environ.get("EXPORT_DIR", "/srv/wavecast/exports")
    feed_cache_dir: str = os.environ.get("FEED_CACHE_DIR", "/srv/wavecast/feeds")

    s3_bucket: str = os.environ.get("S3_BUCKET", "wavecast-media")
    s3_region: str = os.environ.get("AWS_REGION", "eu-west-1")
    s3_endpoint: str = os.environ.get("S3_ENDPOINT_URL", "")

    jwt_secret: str = os.environ.get("JWT_SECRET", "")
    download_signing_key: str = os.environ.get("DOWNLOAD_SIGNING_KEY", "")
    stripe_webhook_secret: str = "whsec_4fd1b2a7c9e03d5f8a61b7e2c4d9f0a3"  #@vuln CWE-798
    smtp_password: str = os.environ.get("SMTP_PASSWORD", "")  #@safe

    cdn_api_url: str = os.environ.get("CDN_API_URL", "https://api.edgecdn.example/v2")
    cdn_api_token: str = os.environ.get("CDN_API_TOKEN", "")
    ca_bundle: str = os.environ.get(
        "WAVECAST_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt"
    )

    artwork_hosts: list = field(
        default_factory=lambda: _env_list(
            "ARTWORK_HOSTS", "images.wavecast.fm,cdn.wavecast.fm,static.wavecast.fm"
        )
    )
    public_base_url: str = os.environ.get("PUBLIC_BASE_URL", "https://wavecast.fm")
    allowed_redirect_hosts: list = field(
        default_factory=lambda: _env_list(
            "ALLOWED_REDIRECT_HOSTS", "wavecast.fm,studio.wavecast.fm"
        )
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
