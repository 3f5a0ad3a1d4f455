from dataclasses import dataclass

import psycopg2
from psycopg2 import sql

DSN = "dbname=platform host=db.internal user=ops"


@dataclass
class Tenant:
    id: int
    slug: str
    schema: str
    display_name: str
    retention_policy: str


def get_tenant(slug: str) -> Tenant:
    with psycopg2.connect(DSN) as conn, conn.cursor() as cur:
        cur.execute("SELECT id, slug, schema_name, display_name, retention_policy FROM tenants WHERE slug = %s", (slug,))
        row = cur.fetchone()
    if row is None:
        raise LookupError(slug)
    return Tenant(*row)


def drop_schema(tenant: Tenant) -> None:
    with psycopg2.connect(DSN) as conn, conn.cursor() as cur:
        cur.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(tenant.schema)))  #@safe


def rename_audit_entries(tenant: Tenant) -> int:
    with psycopg2.connect(DSN) as conn, conn.cursor() as cur:
        cur.execute(f"UPDATE audit_log SET tenant_label = '{tenant.display_name}' WHERE tenant_id = {tenant.id}")  #@vuln CWE-89
        return cur.rowcount
