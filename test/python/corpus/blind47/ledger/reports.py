"""Raw SQL finance reports (back office + reconciliation jobs).

Uses psycopg2 directly because some of these stream large result sets.
"""
import psycopg2
import psycopg2.extras
from psycopg2 import sql

from common.config import get_settings

VOLUME_GROUPINGS = {"provider", "currency", "country", "payment_method"}


def get_conn():
    dsn = get_settings().database_url.replace("postgresql+psycopg2://", "postgresql://")
    return psycopg2.connect(dsn, cursor_factory=psycopg2.extras.RealDictCursor)


def daily_settlement(conn, day, provider: str) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute("SELECT provider, currency, COUNT(*) AS n, SUM(amount_cents) AS gross, SUM(fee_cents) AS fees FROM payments WHERE settled_on = %s AND provider = %s GROUP BY provider, currency", (day, provider))  #@safe
        return cur.fetchall()


def unmatched_transactions(conn, bank_account: str, since: str) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute("SELECT id, booked_at, amount_cents, counterparty, reference, remittance_info FROM bank_transactions WHERE bank_account = '%s' AND booked_at >= '%s' AND matched_payout IS NULL ORDER BY booked_at" % (bank_account, since))  #@vuln CWE-89
        return cur.fetchall()


def open_bank_transactions(conn, day) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute("SELECT reference, amount_cents, currency FROM bank_transactions WHERE booked_at = %s AND matched_payout IS NULL", (day,))
        return cur.fetchall()


def mark_matched(conn, txn_reference: str, payout_ref: str) -> None:
    with conn.cursor() as cur:
        cur.execute(f"UPDATE bank_transactions SET matched_payout = '{payout_ref}', matched_at = now() WHERE reference = '{txn_reference}'")  #@vuln CWE-89


def merchant_volume(conn, merchant_ids: list[int], group_by: str) -> list[dict]:
    if group_by not in VOLUME_GROUPINGS:
        raise ValueError("unsupported grouping")
    query = sql.SQL("SELECT {col}, SUM(amount_cents) AS volume FROM payments WHERE merchant_id = ANY(%s) GROUP BY {col} ORDER BY volume DESC").format(col=sql.Identifier(group_by))
    with conn.cursor() as cur:
        cur.execute(query, (list(merchant_ids),))  #@safe
        return cur.fetchall()


def merchant_statement(conn, merchant_id: int, period: str, currency: str) -> list[dict]:
    query = """
        SELECT p.id, p.created_at, p.amount_cents, p.fee_cents, p.status, p.description
        FROM payments p
        WHERE p.merchant_id = {mid} AND to_char(p.created_at, 'YYYY-MM') = '{period}' AND p.currency = '{cur}'
        ORDER BY p.created_at
    """.format(mid=int(merchant_id), period=period, cur=currency)
    with conn.cursor() as cur:
        cur.execute(query)  #@vuln CWE-89
        return cur.fetchall()
