"""Queries over work orders, task notes and saved filters."""
from sqlalchemy import insert, select, text

from maintenance.db import engine, pg_cursor, saved_filters, work_orders

EXPORTABLE_COLUMNS = {
    "id",
    "tail_number",
    "ata_chapter",
    "station",
    "status",
    "opened_at",
    "due_at",
    "description",
    "mel_item",
}


def list_work_orders(tail_number: str, status: str | None = None) -> list[dict]:
    query = (
        "SELECT id, tail_number, ata_chapter, station, status, due_at "
        f"FROM work_orders WHERE tail_number = '{tail_number}'"
    )
    if status:
        query += f" AND status = '{status}'"
    query += " ORDER BY due_at NULLS LAST"
    with engine.connect() as conn:
        rows = conn.execute(text(query)).mappings().all()  #@vuln CWE-89
    return [dict(r) for r in rows]


def get_work_order(wo_id: int) -> dict | None:
    stmt = select(work_orders).where(work_orders.c.id == wo_id)
    with engine.connect() as conn:
        row = conn.execute(stmt).mappings().first()  #@safe
    return dict(row) if row else None


def search_by_ata(ata_chapter: str, sort: str = "due_at") -> list[dict]:
    sql = (
        "SELECT id, tail_number, ata_chapter, station, status, due_at FROM work_orders "
        "WHERE ata_chapter LIKE %s ORDER BY " + sort
    )
    with pg_cursor() as cur:
        cur.execute(sql, (ata_chapter + "%",))  #@vuln CWE-89
        return cur.fetchall()


def add_task_note(wo_id: int, author: str, body: str) -> None:
    sql = "INSERT INTO task_notes (work_order_id, author, body, created_at) VALUES (%d, '%s', '%s', now())" % (
        wo_id,
        author,
        body,
    )
    with pg_cursor() as cur:
        cur.execute(sql)  #@vuln CWE-89


def close_work_order(wo_id: int, certifying_staff: str, licence_no: str) -> int:
    with pg_cursor() as cur:
        cur.execute(  #@safe
            "UPDATE work_orders SET status = 'closed', certified_by = %s, licence_no = %s, closed_at = now() "
            "WHERE id = %s AND status <> 'closed'",
            (certifying_staff, licence_no, wo_id),
        )
        return cur.rowcount


def count_open_by_station(station: str) -> int:
    stmt = text("SELECT count(*) FROM work_orders WHERE station = :station AND status <> 'closed'")
    with engine.connect() as conn:
        return conn.execute(stmt, {"station": station}).scalar_one()  #@safe


def find_deferred_items(filters: dict[str, str]) -> list[dict]:
    clauses = ["deferred = true"]
    for column, value in filters.items():
        clauses.append(f"{column} = '{value}'")
    query = "SELECT id, tail_number, mel_item, due_at FROM work_orders WHERE " + " AND ".join(clauses)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(query)).mappings()]  #@vuln CWE-89


def export_rows(columns: list[str]) -> list[dict]:
    wanted = [c for c in columns if c in EXPORTABLE_COLUMNS] or ["id", "tail_number", "status"]
    query = text(f"SELECT {', '.join(wanted)} FROM work_orders ORDER BY id")
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]  #@safe


def save_filter(owner: str, name: str, where_clause: str) -> int:
    stmt = insert(saved_filters).values(owner=owner, name=name, where_clause=where_clause)
    with engine.begin() as conn:
        return conn.execute(stmt).inserted_primary_key[0]


def run_saved_filter(filter_id: int, owner: str) -> list[dict]:
    lookup = select(saved_filters.c.where_clause).where(
        saved_filters.c.id == filter_id, saved_filters.c.owner == owner
    )
    with engine.connect() as conn:
        clause = conn.execute(lookup).scalar_one()
        rows = conn.execute(text("SELECT id, tail_number, status, due_at FROM work_orders WHERE " + clause))  #@vuln CWE-89
        return [dict(r) for r in rows.mappings()]


def get_user_by_email(email: str) -> dict | None:
    with pg_cursor() as cur:
        cur.execute("SELECT id, email, password_hash, role FROM app_users WHERE email = %s", (email.lower(),))
        return cur.fetchone()
