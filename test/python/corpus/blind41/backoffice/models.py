"""Billing models and the custom querysets used by the back-office reports."""
from __future__ import annotations

from django.db import connection, models
from django.db.models.expressions import RawSQL


class InvoiceQuerySet(models.QuerySet):
    def overdue(self, as_of):
        return self.filter(status="open", due_date__lt=as_of)

    def in_region(self, region: str):
        return self.extra(where=["billing_region = %s"], params=[region])  #@safe

    def with_note_matching(self, term: str):
        return self.extra(where=[f"notes ILIKE '%%{term}%%'"])  #@vuln CWE-89

    def with_days_overdue(self):
        return self.annotate(days_overdue=RawSQL("GREATEST(0, CURRENT_DATE - due_date)", ()))

    def with_fx_total(self, currency: str):
        return self.annotate(fx_total=RawSQL("amount_cents * (SELECT rate FROM fx_rates WHERE code = %s)", (currency,)))

    def ordered_by_expression(self, expression: str):
        """Finance wants to sort by arbitrary SQL such as 'amount_cents - paid_cents'."""
        return self.annotate(sort_key=RawSQL(expression, ())).order_by("-sort_key")  #@vuln CWE-89

    def for_customer_ref(self, ref: str):
        return self.raw("SELECT * FROM billing_invoice WHERE customer_ref = %s ORDER BY issued_at DESC", [ref])  #@safe

    def search_legacy(self, ref: str, status: str):
        return self.raw(f"SELECT * FROM billing_invoice WHERE customer_ref LIKE '{ref}%%' AND status = '{status}'")  #@vuln CWE-89


class Customer(models.Model):
    ref = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    website = models.CharField(max_length=300, blank=True)
    billing_email = models.EmailField()
    region = models.CharField(max_length=8)

    class Meta:
        app_label = "backoffice"
        db_table = "billing_customer"

    def __str__(self) -> str:
        return f"{self.ref} {self.name}"


class Invoice(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="invoices")
    customer_ref = models.CharField(max_length=32, db_index=True)
    number = models.CharField(max_length=40, unique=True)
    status = models.CharField(max_length=16, default="open")
    billing_region = models.CharField(max_length=8)
    amount_cents = models.BigIntegerField()
    paid_cents = models.BigIntegerField(default=0)
    issued_at = models.DateField()
    due_date = models.DateField()
    notes = models.TextField(blank=True)
    pdf_path = models.CharField(max_length=255, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        app_label = "backoffice"
        db_table = "billing_invoice"


def monthly_totals(year: int) -> list[tuple]:
    with connection.cursor() as cursor:
        sql = ("SELECT date_trunc('month', issued_at) AS m, SUM(amount_cents) FROM billing_invoice "
               "WHERE EXTRACT(year FROM issued_at) = %s GROUP BY m ORDER BY m")
        cursor.execute(sql, [year])
        return cursor.fetchall()


def totals_by_column(column: str, year: int) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s, SUM(amount_cents) FROM billing_invoice WHERE EXTRACT(year FROM issued_at) = %d GROUP BY 1" % (column, year))  #@vuln CWE-89
        return cursor.fetchall()
