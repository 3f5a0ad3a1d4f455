"""per-tenant reporting schema and customer notes

Revision ID: 1a2b3c4d5e6f
Revises: 9f8e7d6c5b4a
Create Date: 2024-06-11 09:12:44.318201

Run with:  alembic -x tenant=<slug> upgrade head
"""
import re

import sqlalchemy as sa
from alembic import context, op

revision = "1a2b3c4d5e6f"
down_revision = "9f8e7d6c5b4a"
branch_labels = None
depends_on = None


def _tenant_arg() -> str:
    return context.get_x_argument(as_dictionary=True).get("tenant", "default")


def upgrade() -> None:
    op.add_column("orders", sa.Column("customer_note", sa.Text(), nullable=True))
    op.create_table(
        "tenant_settings",
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("tenant_id", "key"),
    )
    op.execute("UPDATE orders SET status = 'pending' WHERE status IS NULL")  #@safe
    op.execute(sa.text("INSERT INTO tenant_settings (tenant_id, key, value) SELECT id, :k, :v FROM tenants").bindparams(k="receipt_footer", v=""))  #@safe

    tenant = _tenant_arg()
    op.execute(f"CREATE SCHEMA IF NOT EXISTS reporting_{tenant}")  #@vuln CWE-89
    op.execute(f"CREATE VIEW reporting_{tenant}.daily_sales AS SELECT date_trunc('day', created_at) AS day, SUM(total_cents) AS total FROM orders GROUP BY 1")  #@vuln CWE-89


def downgrade() -> None:
    tenant = _tenant_arg()
    if not re.fullmatch(r"[a-z0-9_]{1,32}", tenant):
        raise ValueError(f"invalid tenant slug {tenant!r}")
    op.execute(f"DROP SCHEMA IF EXISTS reporting_{tenant} CASCADE")  #@safe
    op.drop_table("tenant_settings")
    op.drop_column("orders", "customer_note")
