"""Business logic for refunds and payouts. Called by the routes and the webhooks."""
import stripe
from sqlalchemy import text
from sqlalchemy.orm import Session

from common.config import get_settings
from ledger.repository import post_entry

settings = get_settings()
stripe.api_key = settings.stripe_api_key

REFUND_COLUMNS = "id, payment_id, amount_cents, currency, reason, status, created_at"


class PaymentNotFound(LookupError):
    pass


def load_payment(db: Session, payment_id: int, merchant_id) -> dict:
    row = db.execute(
        text("SELECT id, provider, provider_ref, amount_cents, refunded_cents, currency FROM payments WHERE id = :id AND merchant_id = :mid"),
        {"id": payment_id, "mid": merchant_id},
    ).mappings().first()
    if row is None:
        raise PaymentNotFound(payment_id)
    return dict(row)


def create_refund(db: Session, merchant_id, payment_id: int, amount_cents: int, reason: str):
    p = load_payment(db, payment_id, merchant_id)
    if amount_cents > p["amount_cents"] - p["refunded_cents"]:
        raise ValueError("refund exceeds captured amount")
    refund = stripe.Refund.create(
        payment_intent=p["provider_ref"],
        amount=amount_cents,
        metadata={"merchant_id": str(merchant_id), "payment_id": str(payment_id)},
        idempotency_key=f"refund-{payment_id}-{p['refunded_cents']}-{amount_cents}",
    )
    db.execute(
        text("INSERT INTO refunds (merchant_id, payment_id, provider_ref, amount_cents, currency, reason, status) VALUES (:mid, :pid, :ref, :amt, :cur, :reason, :status)"),
        {"mid": merchant_id, "pid": payment_id, "ref": refund.id, "amt": amount_cents, "cur": p["currency"], "reason": reason, "status": refund.status},
    )
    cur = p["currency"]
    post_entry(db, f"RF-{refund.id}", f"Refund of payment {payment_id}", [(f"merchant:{merchant_id}:{cur}", amount_cents), (f"clearing:stripe:{cur}", -amount_cents)])
    db.commit()
    return refund


def mark_refunded(db: Session, provider_ref: str, refunded_cents: int) -> None:
    db.execute(text("UPDATE payments SET refunded_cents = :amt WHERE provider_ref = :ref"), {"amt": refunded_cents, "ref": provider_ref})


def search_refunds(db: Session, merchant_id, status: str | None, q: str, sort: str) -> list[dict]:
    sql = f"SELECT {REFUND_COLUMNS} FROM refunds WHERE merchant_id = :mid"
    params = {"mid": merchant_id}
    if status:
        sql += " AND status = :status"
        params["status"] = status
    if q:
        sql += f" AND reason ILIKE '%{q}%'"
    sql += f" ORDER BY {sort} DESC LIMIT 100"
    return [dict(r) for r in db.execute(text(sql), params).mappings()]  #@vuln CWE-89


def get_refund(db: Session, refund_id: int, merchant_id) -> dict:
    row = db.execute(text(f"SELECT {REFUND_COLUMNS} FROM refunds WHERE id = :id AND merchant_id = :mid"), {"id": refund_id, "mid": merchant_id}).mappings().first()
    if row is None:
        raise PaymentNotFound(refund_id)
    return dict(row)


def mark_payout(db: Session, provider_ref: str, status: str) -> int | None:
    row = db.execute(text("UPDATE payouts SET status = :st, updated_at = now() WHERE provider_ref = :ref RETURNING id"), {"st": status, "ref": provider_ref}).first()
    return row.id if row else None

