import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class IngestConfig:
    upload_root: str = "/var/lib/ingest/uploads"
    work_root: str = "/var/lib/ingest/work"
    jwt_secret: str = "changeme-ingest-jwt-secret"  #@vuln CWE-798|CWE-259
    jwt_audience: str = "ingest"
    debug: bool = True  #@vuln CWE-489|CWE-215
    soffice_bin: str = "/usr/bin/soffice"
    s3_bucket: str = field(default_factory=lambda: os.environ.get("INGEST_S3_BUCKET", "ingest-staging"))
    convertible_types: tuple[str, ...] = ("application/vnd.ms-excel", "application/msword")


config = IngestConfig()
