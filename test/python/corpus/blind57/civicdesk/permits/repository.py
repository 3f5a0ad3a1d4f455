"""Reporting queries for permits that the ORM makes awkward."""
from django.db import connection
from django.db.models.expressions import RawSQL

from core.models import Permit

SORTABLE_COLUMNS = {"created": "p.created_at", "ward": "p.ward", "fee": "p.fee_cents"}


def _dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def search_permits(status=None, ward=None, order_by="created"):
    sql = (
        "SELECT p.id, p.reference, p.permit_type, p.status, p.site_address, p.ward "
        "FROM core_permit p WHERE 1=1"
    )
    if status:
        sql += " AND p.status = '%s'" % status
    if ward:
        sql += " AND p.ward = '%s'" % ward
    sql += " ORDER BY %s DESC" % SORTABLE_COLUMNS.get(order_by, "p.created_at")
    with connection.cursor() as cursor:
        cursor.execute(sql)  #@vuln CWE-89
        return _dictfetchall(cursor)


def permits_for_resident(resident_id, status=None):
    sql = "SELECT id, reference, status, site_address FROM core_permit WHERE resident_id = %s"
    params = [resident_id]
    if status:
        sql += " AND status = %s"
        params.append(status)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  #@safe
        return _dictfetchall(cursor)


def ward_summary():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ward, status, COUNT(*) AS total FROM core_permit GROUP BY ward, status ORDER BY ward"
        )
        return _dictfetchall(cursor)


def permits_on_street(street):
    query = f"SELECT * FROM core_permit WHERE street_name ILIKE '%%{street}%%' ORDER BY created_at DESC"
    return list(Permit.objects.raw(query))  #@vuln CWE-89


def permits_of_type(permit_type):
    return list(Permit.objects.raw("SELECT * FROM core_permit WHERE permit_type = %s", [permit_type]))  #@safe


def pending_in_wards(wards):
    clause = "ward IN ({})".format(", ".join("'%s'" % w for w in wards))
    return Permit.objects.filter(status="review").extra(where=[clause])  #@vuln CWE-89


def with_document_counts(permit_type):
    return Permit.objects.filter(permit_type=permit_type).extra(
        select={"doc_count": "SELECT COUNT(*) FROM core_permitdocument d WHERE d.permit_id = core_permit.id"}
    )


def with_outstanding_fees(fee_category):
    outstanding = RawSQL(  #@vuln CWE-89
        "SELECT COALESCE(SUM(f.amount_cents), 0) FROM billing_fee f "
        "WHERE f.permit_id = core_permit.id AND f.category = '" + fee_category + "'",
        [],
    )
    return Permit.objects.annotate(outstanding_cents=outstanding)


def with_inspection_count(inspector):
    inspections = RawSQL(  #@safe
        "SELECT COUNT(*) FROM inspections_visit v WHERE v.permit_id = core_permit.id AND v.inspector = %s",
        [inspector],
    )
    return Permit.objects.annotate(inspection_count=inspections)
