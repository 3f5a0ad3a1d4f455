"""Compliance reports (overdue tasks, fleet utilisation) as Excel workbooks."""
import datetime as dt
import logging
import re
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.dataframe import dataframe_to_rows
from sqlalchemy import create_engine, text

from hangar_common import security, settings

log = logging.getLogger("ops.reports")
engine = create_engine(settings.DATABASE_URL, pool_pre_ping=True)

HEADER_FILL = PatternFill("solid", fgColor="1F3864")
OVERDUE_FILL = PatternFill("solid", fgColor="F8CBAD")


def overdue_tasks(station: str, until: str) -> pd.DataFrame:
    sql = (
        "SELECT wo.id, wo.tail_number, wo.ata_chapter, wo.mel_item, wo.due_at, wo.status "
        f"FROM work_orders wo WHERE wo.station = '{station}' AND wo.due_at < '{until}' "
        "AND wo.status <> 'closed' ORDER BY wo.due_at"
    )
    return pd.read_sql(sql, engine)  #@vuln CWE-89


def fleet_summary(fleet: str) -> pd.DataFrame:
    stmt = text("SELECT tail_number, type_code, flight_hours, cycles, next_check FROM aircraft WHERE fleet = :fleet")
    return pd.read_sql(stmt, engine, params={"fleet": fleet})  #@safe


def add_derived_column(df: pd.DataFrame, name: str, formula: str) -> pd.DataFrame:
    df[name] = df.apply(lambda row: eval(formula, {"__builtins__": {}}, row.to_dict()), axis=1)  #@vuln CWE-95
    return df


def _style_header(ws) -> None:
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL


def write_workbook(sheets: dict[str, pd.DataFrame], report_name: str) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    today = pd.Timestamp(dt.date.today())
    for title, df in sheets.items():
        for col in df.select_dtypes(include=["datetimetz"]).columns:
            df[col] = df[col].dt.tz_convert("UTC").dt.tz_localize(None)
        ws = wb.create_sheet(title=title[:31])
        for row in dataframe_to_rows(df, index=False, header=True):
            ws.append(row)
        _style_header(ws)
        if "due_at" in df.columns:
            due_col = list(df.columns).index("due_at") + 1
            for r in ws.iter_rows(min_row=2, min_col=due_col, max_col=due_col):
                for cell in r:
                    if cell.value is not None and pd.Timestamp(cell.value) < today:
                        cell.fill = OVERDUE_FILL
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", report_name).strip("-") or "report"
    settings.REPORT_DIR.mkdir(parents=True, exist_ok=True)
    path = settings.REPORT_DIR / f"{slug}-{dt.date.today():%Y%m%d}.xlsx"
    wb.save(path)
    path.with_suffix(".sig").write_text(security.sign_report(path.read_bytes()))
    log.info("report written to %s", path)
    return path


def compliance_report(station: str, until: str, fleet: str, extra_column: str | None = None) -> Path:
    overdue = overdue_tasks(station, until)
    fleet_df = fleet_summary(fleet)
    if extra_column:
        name, _, formula = extra_column.partition("=")
        fleet_df = add_derived_column(fleet_df, name.strip(), formula.strip())
    return write_workbook({"Overdue tasks": overdue, "Fleet": fleet_df}, f"compliance-{station}")
