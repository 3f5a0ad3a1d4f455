"""Runtime configuration shared by the LearnHub services (web, grader, workers).

Everything is read once at import time. Values can be overridden per deployment
through environment variables (see deploy/helm/values.yaml).
"""
import os
from dataclasses import dataclass, field


def _env(name, default=None):
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


@dataclass
class SISConfig:
    base_url: str = _env("SIS_BASE_URL", "https://sis.campus.example.edu/api/v2")
    onprem_url: str = _env("SIS_ONPREM_URL", "https://banner-gw.campus.example.edu:8443")
    client_id: str = _env("SIS_CLIENT_ID", "learnhub-sync")
    api_key: str = "sk_live_4f9a2c7e1b8d4e6f9a0b3c5d7e9f1a2b"  #@vuln CWE-798
    timeout: int = int(_env("SIS_TIMEOUT", "20"))


@dataclass
class MailConfig:
    host: str = _env("SMTP_HOST", "smtp.mailgun.org")
    port: int = int(_env("SMTP_PORT", "587"))
    username: str = _env("SMTP_USER", "postmaster@mg.learnhub.example.edu")
    password: str = _env("SMTP_PASSWORD", "Gr4deb00k-mailer-2023!")  #@vuln CWE-798
    from_addr: str = _env("MAIL_FROM", "LearnHub <no-reply@learnhub.example.edu>")
    batch_size: int = int(_env("MAIL_BATCH_SIZE", "200"))


@dataclass
class LDAPConfig:
    uri: str = _env("LDAP_URI", "ldaps://ldap.campus.example.edu")
    bind_dn: str = _env("LDAP_BIND_DN", "cn=learnhub-reader,ou=services,dc=campus,dc=example,dc=edu")
    bind_password: str = _env("LDAP_BIND_PASSWORD", "")
    base_dn: str = _env("LDAP_BASE_DN", "ou=people,dc=campus,dc=example,dc=edu")


@dataclass
class GraderConfig:
    python_bin: str = _env("GRADER_PYTHON", "/usr/bin/python3")
    work_root: str = _env("GRADER_WORK_ROOT", "/var/lib/learnhub/grader")
    cpu_seconds: int = int(_env("GRADER_CPU_SECONDS", "5"))
    memory_mb: int = int(_env("GRADER_MEMORY_MB", "256"))
    wall_timeout: int = int(_env("GRADER_WALL_TIMEOUT", "10"))
    max_attempts: int = int(_env("GRADER_MAX_ATTEMPTS", "25"))


@dataclass
class Settings:
    env: str = _env("LEARNHUB_ENV", "production")
    media_root: str = _env("MEDIA_ROOT", "/var/lib/learnhub/media")
    export_root: str = _env("EXPORT_ROOT", "/var/lib/learnhub/exports")
    import_root: str = _env("IMPORT_ROOT", "/var/lib/learnhub/imports")
    template_root: str = _env("TEMPLATE_ROOT", "/opt/learnhub/templates")
    redis_url: str = _env("REDIS_URL", "redis://localhost:6379/0")
    mongo_url: str = _env("MONGO_URL", "mongodb://localhost:27017")
    certificate_secret: str = _env("CERT_SIGNING_SECRET", "")
    verify_tls: bool = _env_bool("VERIFY_TLS", True)
    sis: SISConfig = field(default_factory=SISConfig)
    mail: MailConfig = field(default_factory=MailConfig)
    ldap: LDAPConfig = field(default_factory=LDAPConfig)
    grader: GraderConfig = field(default_factory=GraderConfig)


settings = Settings()
