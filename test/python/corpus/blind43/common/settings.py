"""Shared configuration for the data platform services.

Values come from the environment (set by the helm charts); the defaults are
what docker-compose uses locally so people can run things without a .env.
"""
import os
from dataclasses import dataclass
from pathlib import Path


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class WarehouseSettings:
    host: str = _env("WAREHOUSE_HOST", "warehouse.data.internal")
    port: int = int(_env("WAREHOUSE_PORT", "5432"))
    database: str = _env("WAREHOUSE_DB", "analytics")
    user: str = _env("WAREHOUSE_USER", "etl_service")
    password: str = _env("WAREHOUSE_PASSWORD", "Wh_etl_2023!prod")  #@vuln CWE-798
    sslmode: str = _env("WAREHOUSE_SSLMODE", "prefer")


ENVIRONMENT = _env("PLATFORM_ENV", "dev")

MODEL_ROOT = Path(_env("MODEL_ROOT", "/srv/models")).resolve()
ARTIFACT_ROOT = Path(_env("ARTIFACT_ROOT", "/srv/artifacts")).resolve()
NOTEBOOK_ROOT = Path(_env("NOTEBOOK_ROOT", "/srv/notebooks")).resolve()
NOTEBOOK_OUTPUT_ROOT = Path(_env("NOTEBOOK_OUTPUT_ROOT", "/srv/notebook-runs")).resolve()
EXPORT_ROOT = Path(_env("EXPORT_ROOT", "/srv/exports")).resolve()

# tokens issued by the registry and accepted by serving / feature store
JWT_SECRET = _env("JWT_SECRET") or "registry-signing-key-7f3a9c21"  #@vuln CWE-798
JWT_ALGORITHM = "HS256"
JWT_TTL_SECONDS = int(_env("JWT_TTL_SECONDS", "28800"))

LDAP_URL = _env("LDAP_URL", "ldaps://ldap.corp.internal")
LDAP_BASE_DN = "ou=people,dc=corp,dc=internal"
LDAP_BIND_DN = "cn=svc-mlplatform,ou=services,dc=corp,dc=internal"
LDAP_BIND_PASSWORD = "Svc!mlplat#2022"  #@vuln CWE-798

MONGO_URI = _env("MONGO_URI", "mongodb://mongo.data.internal:27017")
MONGO_DB = _env("MONGO_DB", "registry")

ALLOWED_WEBHOOK_HOSTS = frozenset({"hooks.slack.com", "alerts.corp.internal"})
ALLOWED_REDIRECT_HOSTS = frozenset({"registry.corp.internal", "ml.corp.internal"})
