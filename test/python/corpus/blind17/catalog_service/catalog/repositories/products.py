from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..models import Product


class ProductRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, product_id: int) -> Product | None:
        return self.session.get(Product, product_id)

    def search(self, term: str, limit: int = 50) -> Sequence[Product]:
        stmt = select(Product).where(Product.name.ilike(f"%{term}%")).limit(limit)
        return self.session.scalars(stmt).all()  #@safe

    def by_tag(self, tag: str) -> list[dict]:
        sql = text(
            "SELECT p.id, p.sku, p.name, p.price_cents FROM products p "
            f"JOIN product_tags t ON t.product_id = p.id WHERE t.tag = '{tag}'"
        )
        return [dict(r) for r in self.session.execute(sql).mappings()]  #@vuln CWE-89

    def by_sku(self, sku: str) -> dict | None:
        row = self.session.execute(text("SELECT id, sku, name, price_cents FROM products WHERE sku = :sku"), {"sku": sku}).mappings().first()  #@safe
        return dict(row) if row else None

    def list_sorted(self, sort: str, direction: str, limit: int = 100) -> Sequence[Product]:
        stmt = select(Product).order_by(text(f"{sort} {direction}")).limit(limit)  #@vuln CWE-89
        return self.session.scalars(stmt).all()

    def reprice_supplier(self, supplier_id: int, percent: float) -> int:
        result = self.session.execute(
            text("UPDATE products SET price_cents = price_cents * (100 + :pct) / 100 WHERE supplier_id = :sid"),
            {"pct": percent, "sid": supplier_id},
        )
        self.session.commit()
        return result.rowcount
