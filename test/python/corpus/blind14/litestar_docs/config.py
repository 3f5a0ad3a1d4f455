import os
from dataclasses import dataclass


@dataclass(frozen=True)
class AppConfig:
    bucket: str = os.environ.get("DOCS_BUCKET", "acme-docs-prod")
    aws_region: str = os.environ.get("AWS_REGION", "eu-west-1")
    storage_root: str = os.environ.get("DOCS_ROOT", "/srv/docs")
    db_path: str = os.environ.get("DOCS_DB", "/var/lib/docs/docs.sqlite3")
    import_hosts: tuple = ("files.partner-one.example", "cdn.acme-docs.example")


cfg = AppConfig()
