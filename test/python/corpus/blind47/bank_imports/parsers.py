"""Bank statement parsers: CSV (per-bank profiles), MT940, camt.053/054 (ISO 20022) and OFX."""
import ast
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from lxml import etree
from ofxparse import OfxParser

CAMT053_NS = {"c": "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"}
CAMT054_NS = {"c": "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"}
MT940_TAG = re.compile(r"^:(?P<tag>\d{2}[A-Z]?):(?P<value>.*)$")
MT940_61 = re.compile(r"^(?P<date>\d{6})(?P<entry>\d{4})?(?P<mark>R?[CD])[A-Z]?(?P<amount>[\d,]+)N[A-Z0-9]{3}(?P<ref>[^/]*)")


@dataclass
class BankTxn:
    booked_at: date
    amount_cents: int
    currency: str
    counterparty: str = ""
    reference: str = ""
    remittance_info: str = ""
    raw: dict = field(default_factory=dict)


def _cents(value) -> int:
    return int((Decimal(str(value).replace(",", ".")) * 100).to_integral_value())


def _camt_entries(root, ns) -> list[BankTxn]:
    txns = []
    for ntry in root.iterfind(".//c:Ntry", ns):
        sign = -1 if ntry.findtext("c:CdtDbtInd", namespaces=ns) == "DBIT" else 1
        amt = ntry.find("c:Amt", ns)
        txns.append(BankTxn(
            booked_at=date.fromisoformat(ntry.findtext("c:BookgDt/c:Dt", namespaces=ns)[:10]),
            amount_cents=sign * _cents(amt.text),
            currency=amt.get("Ccy"),
            counterparty=ntry.findtext(".//c:RltdPties/c:Dbtr/c:Nm", default="", namespaces=ns),
            reference=ntry.findtext(".//c:Refs/c:EndToEndId", default="", namespaces=ns),
            remittance_info=" ".join(ntry.xpath(".//c:RmtInf/c:Ustrd/text()", namespaces=ns)),
        ))
    return txns


def parse_camt053(data: bytes) -> list[BankTxn]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(data, parser)  #@safe
    return _camt_entries(root, CAMT053_NS)


def parse_camt054(data: bytes) -> list[BankTxn]:
    # Nordbank's camt.054 files declare their branch codes as DTD entities, so expansion must stay on.
    root = etree.fromstring(data, etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False))  #@vuln CWE-611
    return _camt_entries(root, CAMT054_NS)


def parse_mt940(text: str, currency: str = "EUR", reference_hint: str | None = None) -> list[BankTxn]:
    txns: list[BankTxn] = []
    current = None
    for line in text.splitlines():
        m = MT940_TAG.match(line)
        if not m:
            if current is not None:  # continuation line of :86:
                current.remittance_info += line.strip()
            continue
        tag, value = m.group("tag"), m.group("value")
        if tag == "60F":
            currency = value[7:10]
        elif tag == "61":
            f = MT940_61.match(value)
            if not f:
                continue
            sign = -1 if f.group("mark").endswith("D") else 1
            current = BankTxn(
                booked_at=datetime.strptime(f.group("date"), "%y%m%d").date(),
                amount_cents=sign * _cents(f.group("amount")),
                currency=currency,
                reference=f.group("ref").strip(),
            )
            txns.append(current)
        elif tag == "86" and current is not None:
            current.remittance_info = value
    if reference_hint:
        txns = [t for t in txns if re.search(re.escape(reference_hint), t.remittance_info, re.IGNORECASE)]  #@safe
    return txns


def parse_csv(text: str, profile: dict) -> list[BankTxn]:
    """profile = {"delimiter": ";", "date_col": "Buchungstag", "date_format": "%d.%m.%Y",
                  "amount_expr": "row['Haben'] or '-' + row['Soll']", ...}"""
    reader = csv.DictReader(io.StringIO(text), delimiter=profile.get("delimiter", ","))
    skip_values = ast.literal_eval(profile.get("skip_values", "[]"))  #@safe
    out = []
    for row in reader:
        if row.get(profile["date_col"], "").strip() in skip_values:
            continue
        raw_amount = eval(profile["amount_expr"], {"__builtins__": {}}, {"row": row, "Decimal": Decimal})  #@vuln CWE-95
        out.append(BankTxn(
            booked_at=datetime.strptime(row[profile["date_col"]].strip(), profile.get("date_format", "%Y-%m-%d")).date(),
            amount_cents=_cents(raw_amount),
            currency=row.get(profile.get("currency_col") or "", profile.get("currency", "EUR")),
            counterparty=row.get(profile.get("counterparty_col") or "", ""),
            reference=row.get(profile.get("reference_col") or "", ""),
            raw=row,
        ))
    return out


def parse_ofx(fh) -> list[BankTxn]:
    ofx = OfxParser.parse(fh)
    stmt = ofx.account.statement
    return [
        BankTxn(booked_at=t.date.date(), amount_cents=_cents(t.amount), currency=stmt.currency.upper(), counterparty=t.payee or "", reference=t.id, remittance_info=t.memo or "")
        for t in stmt.transactions
    ]


def guess_format(path: str) -> str:
    lower = path.lower()
    if lower.endswith((".sta", ".mt940", ".940")):
        return "mt940"
    if lower.endswith((".ofx", ".qfx")):
        return "ofx"
    if lower.endswith(".xml"):
        return "camt054" if "054" in lower else "camt053"
    return "csv"
