import os
from dataclasses import dataclass, field


@dataclass
class Settings:
    database_dsn: str = os.environ.get("INVENTORY_DSN", "postgresql://inventory@db/inventory")
    redis_host: str = os.environ.get("REDIS_HOST", "localhost")
    export_dir: str = os.environ.get("EXPORT_DIR", "/srv/inventory/exports")
    report_dir: str = os.environ.get("REPORT_DIR", "/srv/inventory/reports")
    label_dir: str = "/srv/inventory/labels"
    supplier_api_base: str = "https://legacy-supplier.example/api"
    supplier_api_user: str = "inventory-sync"
    supplier_api_password: str = "changeme-prod-pass"  #@vuln CWE-798|CWE-259
    webhook_timeout: float = 5.0
    allowed_webhook_hosts: frozenset = field(
        default_factory=lambda: frozenset(os.environ.get("WEBHOOK_HOSTS", "hooks.partner-one.example").split(","))
    )


settings = Settings()
