"""Read-side queries that are easier to express in SQL than through the ORM."""
from sqlalchemy import text

from pharmacy_api.models import AuditEvent, Prescription, db

PRESCRIPTION_SORT_COLUMNS = {
    "drug": "p.drug_name",
    "next_fill": "p.next_fill_date",
    "created": "p.created_at",
}


def _rows(result):
    return [dict(row._mapping) for row in result]


def search_prescriptions(patient_id, drug_query="", sort="next_fill", descending=False):
    order_column = PRESCRIPTION_SORT_COLUMNS.get(sort, "p.next_fill_date")
    direction = "DESC" if descending else "ASC"
    sql = text(
        "SELECT p.id, p.drug_name, p.ndc, p.quantity, p.refills_remaining, p.next_fill_date "
        "FROM prescriptions p WHERE p.patient_id = :patient_id "
        "AND p.drug_name ILIKE :drug "
        f"ORDER BY {order_column} {direction}"
    )
    result = db.session.execute(sql, {"patient_id": patient_id, "drug": f"%{drug_query}%"})  #@safe
    return _rows(result)


def find_patients_by_name(last_name, store_code=None):
    sql = (
        "SELECT id, first_name, last_name, date_of_birth, phone FROM patients "
        f"WHERE last_name ILIKE '{last_name}%'"
    )
    if store_code:
        sql += f" AND preferred_store = '{store_code}'"
    return _rows(db.session.execute(text(sql)))  #@vuln CWE-89


def audit_events(actor=None, order_by="occurred_at"):
    query = "SELECT id, actor, action, target, occurred_at FROM audit_events"
    params = {}
    if actor:
        query += " WHERE actor = :actor"
        params["actor"] = actor
    query += " ORDER BY " + order_by + " DESC LIMIT 500"
    return _rows(db.session.execute(text(query), params))  #@vuln CWE-89


def dashboard_counts(store_code, window_days):
    sql = """
        SELECT status, COUNT(*) AS n
        FROM refill_requests r
        JOIN prescriptions p ON p.id = r.prescription_id
        JOIN patients pt ON pt.id = p.patient_id
        WHERE pt.preferred_store = '{store}'
          AND r.created_at > now() - interval '{days} days'
        GROUP BY status
    """.format(store=store_code, days=window_days)
    return {row["status"]: row["n"] for row in _rows(db.session.execute(text(sql)))}  #@vuln CWE-89


def prescriptions_due(patient_id, before_date):
    return (
        Prescription.query.filter_by(patient_id=patient_id, status="active")
        .filter(Prescription.next_fill_date <= before_date)
        .order_by(Prescription.next_fill_date)
        .all()
    )


def record_audit(actor, action, target=None):
    db.session.add(AuditEvent(actor=actor, action=action, target=target))
    db.session.commit()
