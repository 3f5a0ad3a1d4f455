from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .models import Invoice


def invoices_for_customer(tenant_id: int, customer_ref: str):
    return Invoice.objects.raw(  #@vuln CWE-89
        f"SELECT * FROM billing_invoice WHERE tenant_id = {tenant_id} "
        f"AND customer_ref = '{customer_ref}' ORDER BY due_date DESC"
    )


def with_converted_total(qs: QuerySet, currency: str) -> QuerySet:
    expr = f"total_cents * (SELECT rate FROM billing_fxrate WHERE code = '{currency}')"
    return qs.annotate(converted_cents=RawSQL(expr, []))  #@vuln CWE-89


def with_reporting_total(qs: QuerySet, currency: str) -> QuerySet:
    expr = "total_cents * (SELECT rate FROM billing_fxrate WHERE code = %s)"
    return qs.annotate(reporting_cents=RawSQL(expr, [currency.upper()[:3]]))  #@safe
