"""Hand-written SQL for the caseworker screens (the ORM was too slow on the cases table)."""
from django.db import connection, connections

from .models import Application, CaseNote

SORT_COLUMNS = {
    "created": "c.created_at",
    "updated": "c.updated_at",
    "status": "c.status",
    "ref": "c.reference",
    "priority": "c.priority",
}

EXPORT_COLUMNS = {"reference", "service", "status", "postcode", "ward_code", "created_at", "priority"}


def _rows(cur):
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def search_cases(term, status=None, service=None, order="created", limit=50):
    sql = (
        "SELECT c.id, c.reference, c.full_name, c.service, c.status, c.priority, c.created_at "
        "FROM cases c WHERE (c.full_name ILIKE %s OR c.reference ILIKE %s)"
    )
    params = [f"%{term}%", f"%{term}%"]
    if service:
        sql += " AND c.service = %s"
        params.append(service)
    if status:
        sql += " AND c.status = '" + status + "'"
    sql += f" ORDER BY {SORT_COLUMNS.get(order, 'c.created_at')} DESC LIMIT {int(limit)}"
    with connection.cursor() as cur:
        cur.execute(sql, params) #@vuln CWE-89
        return _rows(cur)


def get_case(case_id):
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM cases WHERE id = %s", [case_id]) #@safe
        rows = _rows(cur)
    return rows[0] if rows else None


def bulk_set_status(case_ids, new_status, user_id):
    id_list = ",".join(case_ids)
    with connection.cursor() as cur:
        cur.execute(f"UPDATE cases SET status = %s, updated_at = now() WHERE id IN ({id_list})", [new_status]) #@vuln CWE-89
        return cur.rowcount


def bulk_assign(case_ids, officer_id):
    ids = [int(x) for x in case_ids]
    placeholders = ",".join(["%s"] * len(ids))
    with connection.cursor() as cur:
        cur.execute(f"UPDATE cases SET officer_id = %s WHERE id IN ({placeholders})", [officer_id, *ids]) #@safe
        return cur.rowcount


def notes_since(case_id, since):
    return list(CaseNote.objects.raw(f"SELECT * FROM case_notes WHERE application_id = {int(case_id)} AND created_at > '{since}' ORDER BY created_at")) #@vuln CWE-89


def cases_in_ward(ward_code):
    return Application.objects.extra(where=[f"ward_code = '{ward_code}'"]).order_by("-created_at") #@vuln CWE-89


def legacy_case(old_ref):
    with connections["legacy"].cursor() as cur:
        cur.execute("SELECT * FROM tbl_case WHERE old_ref = '%s'" % old_ref) #@vuln CWE-89
        return _rows(cur)


def export_rows(columns, date_from, date_to):
    wanted = [c for c in columns if c in EXPORT_COLUMNS] or ["reference", "status"]
    with connection.cursor() as cur:
        cur.execute(f"SELECT {', '.join(wanted)} FROM cases WHERE created_at BETWEEN %s AND %s", [date_from, date_to]) #@safe
        return wanted, cur.fetchall()


def export_rows_custom(select_list, date_from, date_to):
    """Power-user export: caseworkers type the column list themselves."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT {select_list} FROM cases WHERE created_at BETWEEN %s AND %s", [date_from, date_to]) #@vuln CWE-89
        cols = [c[0] for c in cur.description]
        return cols, cur.fetchall()
