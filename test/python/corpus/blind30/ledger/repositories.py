"""Hand-written SQL for the reporting paths the ORM is too slow for."""
from django.db import connection
from django.db.models.expressions import RawSQL

from .models import Statement, Transaction

SORT_COLUMNS = {
    "posted_at": "posted_at",
    "amount": "amount",
    "merchant": "merchant_name",
}


def _dictfetchall(cur):
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def transactions_for_account(account_id: int, order_by: str = "posted_at", limit: int = 100):
    with connection.cursor() as cur:
        cur.execute(f"SELECT id, amount, currency, memo, merchant_name, posted_at FROM ledger_transaction WHERE account_id = %s ORDER BY {order_by} LIMIT %s", [account_id, limit])  #@vuln CWE-89
        return _dictfetchall(cur)


def transactions_sorted(account_id: int, sort: str, descending: bool = True):
    column = SORT_COLUMNS.get(sort, "posted_at")
    direction = "DESC" if descending else "ASC"
    with connection.cursor() as cur:
        cur.execute(f"SELECT id, amount, memo, posted_at FROM ledger_transaction WHERE account_id = %s ORDER BY {column} {direction}", [account_id])  #@safe
        return _dictfetchall(cur)


def search_memos(account_id: int, term: str):
    sql = "SELECT id, memo, amount FROM ledger_transaction WHERE account_id = %s AND memo ILIKE '%%" + term + "%%'"
    with connection.cursor() as cur:
        cur.execute(sql, [account_id])  #@vuln CWE-89
        return _dictfetchall(cur)


def search_memos_v2(account_id: int, term: str):
    with connection.cursor() as cur:
        cur.execute("SELECT id, memo, amount FROM ledger_transaction WHERE account_id = %s AND memo ILIKE %s", [account_id, f"%{term}%"])  #@safe
        return _dictfetchall(cur)


def statements_by_ids(ids_csv: str):
    return list(Statement.objects.raw("SELECT * FROM ledger_statement WHERE id IN (%s)" % ids_csv))  #@vuln CWE-89


def merchant_transactions(owner_id: int, merchant: str):
    qs = Transaction.objects.filter(account__owner_id=owner_id)
    return qs.extra(where=[f"merchant_name = '{merchant}'"])  #@vuln CWE-89


def with_fx_amount(qs, currency: str):
    return qs.annotate(converted=RawSQL("amount * (SELECT rate FROM fx_rate WHERE code = '%s')" % currency, []))  #@vuln CWE-89


def with_fx_amount_v2(qs, currency: str):
    return qs.annotate(converted=RawSQL("amount * (SELECT rate FROM fx_rate WHERE code = %s)", [currency]))  #@safe

