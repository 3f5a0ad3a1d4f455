import os

LOG_DIR = os.environ.get("OPS_LOG_DIR", "/var/log/ops-console")
ARTIFACT_DIR = os.environ.get("OPS_ARTIFACT_DIR", "/srv/artifacts")

ADMIN_USER = "opsadmin"
ADMIN_PASSWORD = "changeme-admin-pass"  #@vuln CWE-798|CWE-259

ALLOWED_SERVICES = {"nginx", "ops-worker", "redis-server", "postgresql"}
