"""Data access for documents, privilege entries and users."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import text
from sqlmodel import Session, select

from lexvault.api.db import raw_cursor
from lexvault.api.models import Document, Matter, SavedSearch

class DocumentRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, matter_id: int, document_id: int) -> Optional[Document]:
        doc = self.session.get(Document, document_id)
        if doc is None or doc.matter_id != matter_id:
            return None
        return doc

    def by_custodian(self, matter_id: int, custodian: str, order_by: str = "date_sent") -> list[dict]:
        sql = (f"SELECT id, bates_begin, title, date_sent, privilege_status FROM document "
               f"WHERE matter_id = {int(matter_id)} AND custodian = '{custodian}' ORDER BY {order_by}")
        return list(self.session.execute(text(sql)).mappings().all())  #@vuln CWE-89

    def count_by_tag(self, matter_id: int, tag: str) -> int:
        with raw_cursor() as cur:
            cur.execute(  #@safe
                "SELECT count(*) FROM document_tag dt JOIN document d ON d.id = dt.document_id "
                "WHERE d.matter_id = %s AND dt.tag = %s",
                (matter_id, tag),
            )
            return cur.fetchone()[0]


class PrivilegeRepository:
    def __init__(self, session: Session):
        self.session = session

    def entries(self, matter_id: int, basis: Optional[str] = None) -> list[dict]:
        query = ("SELECT p.id, d.bates_begin, p.custodian, p.author, p.recipients, p.doc_date, p.basis, "
                 "p.description FROM privilege_entry p JOIN document d ON d.id = p.document_id "
                 "WHERE p.matter_id = %d" % int(matter_id))
        if basis:
            query += " AND p.basis ILIKE '%" + basis + "%'"
        query += " ORDER BY d.bates_begin"
        with raw_cursor() as cur:
            cur.execute(query)  #@vuln CWE-89
            columns = [c[0] for c in cur.description]
            return [dict(zip(columns, row)) for row in cur.fetchall()]

    def matter(self, matter_id: int) -> Optional[Matter]:
        return self.session.get(Matter, matter_id)


class UserRepository:
    def __init__(self, session: Session):
        self.session = session

    def find_by_email(self, email: str) -> Optional[dict]:
        with raw_cursor() as cur:
            cur.execute("SELECT id, email, password_hash, role, is_guest FROM appuser "  #@vuln CWE-89
                        "WHERE lower(email) = lower('{}')".format(email))
            row = cur.fetchone()
        if row is None:
            return None
        return {"id": row[0], "email": row[1], "password_hash": row[2], "role": row[3], "is_guest": row[4]}


class SavedSearchRepository:
    def __init__(self, session: Session):
        self.session = session

    def for_matter(self, matter_id: int) -> list[SavedSearch]:
        return list(self.session.exec(select(SavedSearch).where(SavedSearch.matter_id == matter_id)).all())

    def delete_by_name(self, matter_id: int, owner_id: int, name: str) -> None:
        self.session.execute(text("DELETE FROM savedsearch WHERE matter_id = %d AND owner_id = %d "  #@vuln CWE-89
                                  "AND name = '%s'" % (matter_id, owner_id, name)))
        self.session.commit()
