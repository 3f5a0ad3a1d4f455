import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WorkerSettings:
    document_bucket: str = os.environ.get("DOCS_BUCKET", "claims-documents-prod")
    s3_endpoint: str | None = os.environ.get("DOCS_S3_ENDPOINT")
    work_dir: str = os.environ.get("DOCS_WORK_DIR", "/var/lib/doc-workers")
    output_dir: str = os.environ.get("DOCS_OUTPUT_DIR", "/var/lib/doc-workers/out")
    warehouse_url: str = os.environ.get("DOCS_WAREHOUSE_URL", "postgresql+psycopg2://docs@warehouse.internal/bordereaux")
    sftp_host: str = "sftp.broker-network.example"
    sftp_user: str = "claims-ingest"
    sftp_password: str = "changeme-sftp-pass"  #@vuln CWE-798|CWE-259
    legacy_export_key: bytes = field(default_factory=lambda: os.environ.get("DOCS_LEGACY_KEY", "").encode())


settings = WorkerSettings()
