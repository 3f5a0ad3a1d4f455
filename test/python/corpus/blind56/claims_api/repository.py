"""Data access for claims and documents.

Most reads go through SQLModel; reporting and a few legacy lookups use raw SQL
because the reporting views are not mapped.
"""
from typing import Iterable, Optional

from sqlalchemy import text
from sqlmodel import Session, select

from claims_api.database import dbapi_cursor
from claims_api.models import Claim, ClaimDocument, User

REPORT_GROUPINGS = {
    "status": "c.status",
    "adjuster": "c.adjuster_id",
    "month": "date_trunc('month', c.loss_date)",
}


class ClaimRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, claim_id: int) -> Optional[Claim]:
        return self.session.get(Claim, claim_id)

    def search(self, status: str, sort: str = "created_at", order: str = "desc", limit: int = 50):
        sql = (
            "SELECT id, claim_number, claimant_name, status, reserve_amount "
            "FROM claims WHERE status = :status "
            f"ORDER BY {sort} {order} LIMIT :limit"
        )
        return self.session.execute(text(sql), {"status": status, "limit": limit}).mappings().all()  #@vuln CWE-89

    def search_by_claimant(self, name: str, limit: int = 25):
        stmt = text(
            "SELECT id, claim_number, claimant_name, status FROM claims "
            "WHERE claimant_name ILIKE :pattern ORDER BY created_at DESC LIMIT :limit"
        )
        return self.session.execute(stmt, {"pattern": f"%{name}%", "limit": limit}).mappings().all()  #@safe

    def find_by_policy_number(self, policy_number: str) -> list[tuple]:
        with dbapi_cursor() as cur:
            cur.execute("SELECT id, claim_number, status FROM claims WHERE policy_number = '%s'" % policy_number)  #@vuln CWE-89
            return cur.fetchall()

    def claims_for_adjuster(self, adjuster_id: int, status: str) -> list[tuple]:
        with dbapi_cursor() as cur:
            cur.execute(  #@safe
                "SELECT id, claim_number, claimant_name FROM claims WHERE adjuster_id = %s AND status = %s",
                (adjuster_id, status),
            )
            return cur.fetchall()

    def update_status(self, claim_id: int, status: str, note: str) -> None:
        stmt = text(
            "UPDATE claims SET status = '" + status + "', notes = notes || :note WHERE id = :id"
        )
        self.session.execute(stmt, {"note": "\n" + note, "id": claim_id})  #@vuln CWE-89
        self.session.commit()

    def add_tags(self, claim_ids: Iterable[int], tag: str) -> int:
        id_list = ",".join(str(int(i)) for i in claim_ids)
        sql = "UPDATE claims SET tags = tags || ',{}' WHERE id IN ({})".format(tag, id_list)
        result = self.session.execute(text(sql))  #@vuln CWE-89
        self.session.commit()
        return result.rowcount

    def totals(self, group_by: str):
        column = REPORT_GROUPINGS.get(group_by, "c.status")
        sql = f"SELECT {column} AS bucket, count(*) AS n, sum(c.reserve_amount) AS reserve FROM claims c GROUP BY 1 ORDER BY 1"
        return self.session.execute(text(sql)).mappings().all()  #@safe

    def documents(self, claim_id: int) -> list[ClaimDocument]:
        return list(self.session.exec(select(ClaimDocument).where(ClaimDocument.claim_id == claim_id)))

    def add_document(self, doc: ClaimDocument) -> ClaimDocument:
        self.session.add(doc)
        self.session.commit()
        self.session.refresh(doc)
        return doc


class UserRepository:
    def __init__(self, session: Session):
        self.session = session

    def by_email(self, email: str) -> Optional[User]:
        stmt = text("SELECT * FROM users WHERE lower(email) = lower(:email) AND active").bindparams(email=email)
        row = self.session.execute(stmt).mappings().first()  #@safe
        return User(**row) if row else None

    def save(self, user: User) -> User:
        self.session.add(user)
        self.session.commit()
        self.session.refresh(user)
        return user
