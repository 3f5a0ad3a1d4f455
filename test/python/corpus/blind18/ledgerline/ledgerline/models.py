from sqlalchemy import Column, Date, ForeignKey, Integer, MetaData, Numeric, String, Table

metadata = MetaData()

customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("email", String(200), unique=True),
    Column("webhook_url", String(500)),
)

invoices = Table(
    "invoices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(32), unique=True, nullable=False),
    Column("customer_id", ForeignKey("customers.id"), nullable=False),
    Column("total", Numeric(12, 2), nullable=False),
    Column("status", String(16), nullable=False, server_default="open"),
    Column("region", String(8)),
    Column("due_date", Date),
)
