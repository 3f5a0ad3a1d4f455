from sqlalchemy import text
from sqlalchemy.orm import Session


class ContactRepository:
    def __init__(self, session: Session):
        self.session = session

    def find_by_email(self, email: str):
        stmt = text("SELECT id, full_name, email FROM contacts WHERE email = :email")
        return self.session.execute(stmt, {"email": email}).mappings().first()  #@safe

    def search(self, name: str, company: str | None = None):
        sql = f"SELECT id, full_name, email, company FROM contacts WHERE full_name LIKE '%{name}%'"
        if company:
            sql += f" AND company = '{company}'"
        return self.session.execute(text(sql)).mappings().all()  #@vuln CWE-89

    def list_for_owner(self, owner_id: int, order_by: str):
        stmt = text(f"SELECT id, full_name, email FROM contacts WHERE owner_id = :owner ORDER BY {order_by}")
        return self.session.execute(stmt, {"owner": owner_id}).mappings().all()  #@vuln CWE-89

    def delete_tagged(self, tag: str) -> int:
        result = self.session.execute(text("DELETE FROM contact_tags WHERE tag = '" + tag + "'"))  #@vuln CWE-89
        self.session.commit()
        return result.rowcount
