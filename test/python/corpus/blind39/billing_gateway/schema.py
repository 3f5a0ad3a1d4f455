import os
import re
from datetime import date
from typing import List, Optional

import strawberry
from jinja2 import Environment
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON
from strawberry.types import Info

from billing_gateway import auth, ledger, partners
from billing_gateway.config import get_settings

_jinja = Environment(autoescape=True)


@strawberry.type
class Customer:
    id: strawberry.ID
    name: str
    email: str


@strawberry.type
class Invoice:
    id: strawberry.ID
    number: str
    total_cents: int
    currency: str
    status: str
    memo: Optional[str]
    customer_id: strawberry.Private[str]

    @strawberry.field
    async def customer(self, info: Info) -> Optional[Customer]:
        row = await info.context["customer_loader"].load(self.customer_id)
        return Customer(**row) if row else None


def _invoice(row) -> Invoice:
    return Invoice(id=row["id"], number=row["number"], total_cents=row["total_cents"], currency=row["currency"], status=row["status"], memo=row.get("memo"), customer_id=row.get("customer_id", ""))


async def load_customers(keys: List[str]):
    found = ledger.customers_by_ids(keys)
    return [dict(found[k]) if k in found else None for k in keys]


def make_customer_loader() -> DataLoader:
    return DataLoader(load_fn=load_customers)


async def load_invoices(numbers: List[str]):
    found = ledger.invoices_by_numbers(numbers)
    return [dict(found[n]) if n in found else None for n in numbers]


def make_invoice_loader() -> DataLoader:
    return DataLoader(load_fn=load_invoices)


def _user(info: Info) -> dict:
    user = info.context.get("user")
    if not user:
        raise PermissionError("authentication required")
    return user


@strawberry.type
class Query:
    @strawberry.field
    def invoices(self, info: Info, status: Optional[str] = None) -> List[Invoice]:
        user = _user(info)
        return [_invoice(dict(r, customer_id=user["sub"])) for r in ledger.invoices_for_customer(user["sub"], status)]

    @strawberry.field
    def invoice(self, info: Info, number: str) -> Optional[Invoice]:
        _user(info)
        row = ledger.invoice_by_number(number)
        return _invoice(dict(row)) if row else None

    @strawberry.field
    async def invoices_by_number(self, info: Info, numbers: List[str]) -> List[Optional[Invoice]]:
        _user(info)
        rows = await info.context["invoice_loader"].load_many(numbers)
        return [_invoice(r) if r else None for r in rows]

    @strawberry.field
    def revenue(self, info: Info, start: date, end: date, group_by: str = "status") -> JSON:
        _user(info)
        return ledger.revenue_report(group_by, start, end)

    @strawberry.field
    def customers(self, info: Info, name: str, sort: str = "name") -> List[Customer]:
        _user(info)
        return [Customer(**r) for r in ledger.search_customers(name, sort)]

    @strawberry.field
    def events(self, info: Info, filter: str = "{}") -> JSON:
        _user(info)
        return ledger.search_events(filter)

    @strawberry.field
    def events_with_note(self, info: Info, note: str) -> JSON:
        _user(info)
        return ledger.events_with_note(note)

    @strawberry.field
    def invoice_events(self, info: Info, invoice_id: strawberry.ID, kind: Optional[str] = None) -> JSON:
        _user(info)
        return ledger.events_for_invoice(invoice_id, kind)

    @strawberry.field
    def memo_matches(self, info: Info, pattern: str) -> List[str]:
        user = _user(info)
        matcher = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
        return [r["number"] for r in ledger.invoices_for_customer(user["sub"]) if r["memo"] and matcher.search(r["memo"])]

    @strawberry.field
    async def fx_rate(self, currency: str) -> float:
        return await partners.exchange_rate(currency.upper())


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def download_statement(self, info: Info, statement_url: str) -> int:
        _user(info)
        pdf = await partners.fetch_statement(statement_url)
        return len(pdf)

    @strawberry.mutation
    async def test_webhook(self, info: Info, url: str) -> int:
        user = _user(info)
        return await partners.deliver_webhook(url, {"type": "ping", "customer": user["sub"]})

    @strawberry.mutation
    def request_password_reset(self, info: Info, email: str) -> bool:
        code = auth.new_password_reset_code()
        info.context["mailer"].send(email, "Your reset code", f"Code: {code}")
        return True

    @strawberry.mutation
    def export_ledger(self, info: Info, filename: str, status: Optional[str] = None) -> str:
        user = _user(info)
        rows = ledger.invoices_for_customer(user["sub"], status)
        target = os.path.join(get_settings().export_dir, user["sub"], filename)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as fh:  #@vuln CWE-22
            for r in rows:
                fh.write(f"{r['number']},{r['total_cents']},{r['currency']},{r['status']}\n")
        return target

    @strawberry.mutation
    def preview_receipt(self, info: Info, number: str, footer_template: Optional[str] = None) -> str:
        user = _user(info)
        row = ledger.invoice_for_view(number, user["sub"])
        footer = _jinja.from_string(footer_template).render(invoice=row) if footer_template else get_settings().receipt_footer  #@vuln CWE-1336
        body = _jinja.from_string("<h1>Invoice {{ inv.number }}</h1><p>{{ inv.total_cents / 100 }} {{ inv.currency }}</p>").render(inv=row)  #@safe
        return body + footer


schema = strawberry.Schema(query=Query, mutation=Mutation)
