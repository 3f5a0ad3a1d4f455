"""Ledger queries used by the API, the reconciliation jobs and the admin CLI."""
from collections import defaultdict
from datetime import date

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from ledger.models import Account, JournalEntry, Posting

STATEMENT_ORDER = {"posted_at": "p.posted_at", "amount": "p.amount", "reference": "je.reference"}
EXPORTABLE_TABLES = {"accounts", "journal_entries", "postings", "payouts", "refunds"}


class UnbalancedEntry(ValueError):
    pass


def post_entry(session: Session, reference: str, memo: str, lines: list[tuple[str, int]]) -> JournalEntry:
    """lines = [(account_code, amount_cents), ...]; must sum to zero per currency."""
    codes = [code for code, _ in lines]
    accounts = {a.code: a for a in session.scalars(select(Account).where(Account.code.in_(codes)))}
    totals: dict[str, int] = defaultdict(int)
    for code, amount in lines:
        if code not in accounts:
            raise KeyError(f"unknown account {code}")
        totals[accounts[code].currency] += amount
    if any(totals.values()):
        raise UnbalancedEntry(f"entry {reference} does not balance: {dict(totals)}")
    entry = JournalEntry(reference=reference, memo=memo)
    entry.postings = [Posting(account_id=accounts[c].id, amount=a) for c, a in lines]
    session.add(entry)
    session.flush()
    return entry


def account_balance(session: Session, account_id: int) -> int:
    return session.execute(text("SELECT COALESCE(SUM(amount), 0) FROM postings WHERE account_id = :aid"), {"aid": account_id}).scalar_one()  #@safe


def trial_balance(session: Session, as_of: date, currency: str) -> list[dict]:
    sql = (
        "SELECT a.code, a.name, a.kind, SUM(p.amount) AS balance "
        "FROM postings p JOIN accounts a ON a.id = p.account_id "
        f"WHERE p.posted_at < DATE '{as_of.isoformat()}' + 1 AND a.currency = '{currency}' "
        "GROUP BY a.code, a.name, a.kind ORDER BY a.code"
    )
    return [dict(r) for r in session.execute(text(sql)).mappings()]  #@vuln CWE-89


def statement_lines(session: Session, account_code: str, order: str = "posted_at", limit: int = 500) -> list[dict]:
    col = STATEMENT_ORDER.get(order, "p.posted_at")
    sql = (
        "SELECT p.posted_at, je.reference, je.memo, p.amount FROM postings p "
        "JOIN journal_entries je ON je.id = p.entry_id JOIN accounts a ON a.id = p.account_id "
        f"WHERE a.code = :code ORDER BY {col} LIMIT :limit"
    )
    rows = session.execute(text(sql), {"code": account_code, "limit": min(limit, 5000)}).mappings()  #@safe
    return [dict(r) for r in rows]


def search_entries(session: Session, merchant_id: int, memo: str) -> list[dict]:
    sql = (
        "SELECT DISTINCT je.id, je.reference, je.memo, je.created_at FROM journal_entries je "
        "JOIN postings p ON p.entry_id = je.id JOIN accounts a ON a.id = p.account_id "
        "WHERE a.merchant_id = :mid AND je.memo ILIKE '%" + memo + "%' ORDER BY je.created_at DESC LIMIT 50"
    )
    rows = session.execute(text(sql), {"mid": merchant_id}).mappings()  #@vuln CWE-89
    return [dict(r) for r in rows]


def entries_by_ids(session: Session, ids: list[int]) -> list[dict]:
    stmt = text("SELECT id, reference, memo, created_at FROM journal_entries WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
    return [dict(r) for r in session.execute(stmt, {"ids": list(ids)}).mappings()]  #@safe


def merchant_summary(session: Session, merchant_id: str) -> dict:
    row = session.execute(
        text("SELECT COUNT(*) AS payments, COALESCE(SUM(amount_cents), 0) AS volume FROM payments WHERE merchant_id = :mid AND status = 'succeeded'"),
        {"mid": merchant_id},
    ).mappings().first()
    return dict(row) if row else {"payments": 0, "volume": 0}


def export_rows(session: Session, table: str, filters: dict[str, str] | None = None):
    """Used by `acme-admin ledger export --filter merchant_id=42 --filter currency=EUR`."""
    if table not in EXPORTABLE_TABLES:
        raise ValueError(f"{table} is not exportable")
    sql = f"SELECT * FROM {table}"
    if filters:
        sql += " WHERE " + " AND ".join(f"{col} = '{val}'" for col, val in filters.items())
    return session.execute(text(sql)).mappings()  #@vuln CWE-89
