"""Query helpers for claims. Some reports need SQL the ORM does not express well."""
from django.db import connection
from django.db.models.expressions import RawSQL

from .models import Attachment, Claim, Policy

SORTABLE_COLUMNS = {
    "reported": "reported_at",
    "amount": "amount",
    "loss_date": "loss_date",
    "status": "status",
}


def _dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def search_claims(status, policy_number=None, order_by="reported_at DESC"):
    sql = (
        "SELECT id, claim_number, policy_number, status, amount, reported_at "
        "FROM claims_claim WHERE status = %s"
    )
    params = [status]
    if policy_number:
        sql += " AND policy_number = %s"
        params.append(policy_number)
    sql += " ORDER BY " + order_by
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  #@vuln CWE-89
        return _dictfetchall(cursor)


def sorted_claims_for_adjuster(adjuster_id, sort_key):
    column = SORTABLE_COLUMNS.get(sort_key, "reported_at")
    sql = f"SELECT id, claim_number, status, amount FROM claims_claim WHERE adjuster_id = %s ORDER BY {column} DESC"
    with connection.cursor() as cursor:
        cursor.execute(sql, [adjuster_id])  #@safe
        return _dictfetchall(cursor)


def claims_in_region(region):
    return list(Claim.objects.raw(f"SELECT * FROM claims_claim WHERE loss_region = '{region}'"))  #@vuln CWE-89


def policies_above_premium(min_premium):
    return list(Policy.objects.raw("SELECT * FROM claims_policy WHERE annual_premium >= %s", [min_premium]))  #@safe


def claim_totals_by_product(product_line, year):
    sql = """
        SELECT p.product_line, COUNT(c.id) AS claim_count, SUM(c.amount) AS total_paid
        FROM claims_claim c JOIN claims_policy p ON p.id = c.policy_id
        WHERE p.product_line = '%s' AND EXTRACT(YEAR FROM c.loss_date) = %d
        GROUP BY p.product_line
    """ % (product_line, int(year))
    with connection.cursor() as cursor:
        cursor.execute(sql)  #@vuln CWE-89
        return _dictfetchall(cursor)


def annotate_days_open(queryset, since_field):
    return queryset.extra(select={"days_open": "CURRENT_DATE - {}::date".format(since_field)})  #@vuln CWE-89


def filter_by_tag(queryset, tag):
    return queryset.extra(where=["%s = ANY(tags)"], params=[tag])  #@safe


def with_reserve_ratio(queryset, weighting):
    return queryset.annotate(reserve_ratio=RawSQL("reserve_amount * " + weighting + " / NULLIF(amount, 0)", ()))  #@vuln CWE-89


def with_large_loss_flag(queryset, threshold):
    return queryset.annotate(is_large_loss=RawSQL("amount > %s", (threshold,)))  #@safe


def attachments_matching_name(claim_id, name_fragment):
    return Attachment.objects.filter(claim_id=claim_id, original_name__icontains=name_fragment)


def bulk_update_status(claim_numbers, new_status):
    placeholders = ", ".join(["%s"] * len(claim_numbers))
    sql = f"UPDATE claims_claim SET status = %s WHERE claim_number IN ({placeholders})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [new_status, *claim_numbers])  #@safe
        return cursor.rowcount
