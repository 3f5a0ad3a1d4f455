"""Invoice exports for clinic managers and the accounts team (pandas + openpyxl)."""
import hashlib
import logging
import os
import shutil

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.dataframe import dataframe_to_rows
from sqlalchemy import create_engine, text

from vetnet_common.config import settings
from vetnet_common.fileutil import ensure_dir, safe_join

log = logging.getLogger(__name__)

HEADER_FILL = PatternFill("solid", fgColor="1F6E8C")
HEADER_FONT = Font(bold=True, color="FFFFFF")

_engine = None


def engine():
    global _engine
    if _engine is None:
        _engine = create_engine(
            f"postgresql+psycopg2://{settings.DB_USER}:{settings.DB_PASSWORD}"
            f"@{settings.DB_HOST}:{settings.DB_PORT}/{settings.DB_NAME}"
        )
    return _engine


def load_invoices(clinic_code, since):
    sql = (
        "SELECT i.number, i.issued_at, o.last_name AS owner, i.total, i.paid "
        "FROM clinic_api_invoice i JOIN clinic_api_owner o ON o.id = i.owner_id "
        "JOIN clinic_api_clinic c ON c.id = i.clinic_id "
        f"WHERE c.code = '{clinic_code}' AND i.issued_at >= '{since}' ORDER BY i.issued_at"
    )
    return pd.read_sql(sql, engine())  #@vuln CWE-89


def load_unpaid(clinic_code, older_than_days=30):
    stmt = text(
        "SELECT i.number, i.issued_at, o.last_name AS owner, o.email, i.total "
        "FROM clinic_api_invoice i JOIN clinic_api_owner o ON o.id = i.owner_id "
        "JOIN clinic_api_clinic c ON c.id = i.clinic_id "
        "WHERE c.code = :code AND NOT i.paid AND i.issued_at < now() - make_interval(days => :days)"
    )
    return pd.read_sql(stmt, engine(), params={"code": clinic_code, "days": int(older_than_days)})  #@safe


def apply_discount_rule(df, rule_source):
    """Clinics can define a loyalty discount as a short Python snippet.

    The snippet sees ``row`` and must set ``discount`` (a fraction).
    """
    if not rule_source:
        df["discount"] = 0.0
        return df
    compiled = compile(rule_source, "<discount-rule>", "exec")
    discounts = []
    for row in df.to_dict("records"):
        scope = {"row": row, "discount": 0.0}
        exec(compiled, {"__builtins__": {"min": min, "max": max, "round": round}}, scope)  #@vuln CWE-94
        discounts.append(float(scope["discount"]))
    df["discount"] = discounts
    return df


def verification_code(invoice_number, total):
    """Short code printed on the PDF so reception can confirm an invoice is genuine."""
    raw = f"{invoice_number}|{total:.2f}|{settings.DOWNLOAD_SIGNING_KEY}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10].upper()  #@vuln CWE-328|CWE-327


def file_checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(65536), b""):
            digest.update(block)
    return digest.hexdigest()


def _style_header(ws):
    for cell in ws[1]:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
    ws.freeze_panes = "A2"


def build_workbook(df, title):
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for row in dataframe_to_rows(df, index=False, header=True):
        ws.append(row)
    _style_header(ws)
    for column in ws.columns:
        width = max(len(str(c.value or "")) for c in column) + 2
        ws.column_dimensions[column[0].column_letter].width = min(width, 40)
    return wb


def export_invoice_workbook(clinic_code, since, filename, discount_rule=None):
    df = load_invoices(clinic_code, since)
    df = apply_discount_rule(df, discount_rule)
    df["verification"] = [verification_code(n, float(t)) for n, t in zip(df["number"], df["total"])]
    wb = build_workbook(df, f"Invoices {clinic_code}")

    staging = f"/tmp/invoices_{clinic_code}.xlsx"
    wb.save(staging)  #@vuln CWE-377

    ensure_dir(settings.EXPORT_ROOT)
    destination = os.path.join(str(settings.EXPORT_ROOT), filename)
    shutil.move(staging, destination)  #@vuln CWE-22
    log.info("invoice export for %s written to %s (%s)", clinic_code, destination, file_checksum(destination))
    return destination


def export_debtors_report(clinic_code, requested_name):
    df = load_unpaid(clinic_code)
    wb = build_workbook(df, "Unpaid")
    folder = ensure_dir(os.path.join(str(settings.EXPORT_ROOT), "debtors"))
    target = safe_join(folder, os.path.basename(requested_name) or f"{clinic_code}-debtors.xlsx")
    wb.save(target)  #@safe
    return target

