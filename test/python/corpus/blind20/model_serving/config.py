"""Runtime configuration for the model serving API."""
import os
from dataclasses import dataclass, field


def _env_bool(name: str, default: str = "false") -> bool:
    return os.environ.get(name, default).lower() in {"1", "true", "yes"}


@dataclass
class ServingSettings:
    model_root: str = os.environ.get("MODEL_ROOT", "/srv/models")
    artifact_root: str = os.environ.get("ARTIFACT_ROOT", "/srv/artifacts")
    db_url: str = os.environ.get(
        "SERVING_DB_URL", "postgresql+psycopg2://serving@db-internal:5432/serving"
    )
    jwt_secret: str = "changeme-serving-jwt-secret"  #@vuln CWE-798|CWE-259
    jwt_audience: str = "model-serving"
    registry_password: str = field(default_factory=lambda: os.environ["REGISTRY_PASSWORD"])  #@safe
    debug: bool = True  #@vuln CWE-489|CWE-215
    trace_sql: bool = field(default_factory=lambda: _env_bool("SERVING_TRACE_SQL"))
    allowed_callback_hosts: tuple = ("hooks.internal.example", "mlops.internal.example")
    request_timeout: float = 5.0


settings = ServingSettings()
