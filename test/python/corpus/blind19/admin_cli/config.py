import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class AdminConfig:
    pg_host: str = field(default_factory=lambda: os.getenv("PGHOST", "claims-db.internal"))
    pg_user: str = field(default_factory=lambda: os.getenv("PGUSER", "claims_admin"))
    pg_password: str = field(default_factory=lambda: os.environ["PGPASSWORD"], repr=False)  #@safe
    pg_database: str = "claims"
    ldap_url: str = "ldaps://ldap.example-insure.internal"
    ldap_bind_dn: str = "cn=svc-claims-admin,ou=service,dc=example-insure,dc=internal"
    ldap_bind_password: str = "changeme-ldap-bind"  #@vuln CWE-798|CWE-259
    people_base: str = "ou=people,dc=example-insure,dc=internal"
    backup_dir: Path = Path("/var/backups/claims")
    cache_dir: Path = Path("/var/cache/claims-admin")


def load() -> AdminConfig:
    return AdminConfig()
