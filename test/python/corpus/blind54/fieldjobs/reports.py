"""Yield reports for farms, exported as CSV, XLSX and PDF."""
import logging
import os

import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from sqlalchemy import create_engine, text
from weasyprint import HTML

from agrocore.config import DatabaseConfig
from agrocore.paths import EXPORT_ROOT, ensure_dir, resolve_inside
from fieldjobs.celery_app import app

log = logging.getLogger(__name__)
engine = create_engine(DatabaseConfig().dsn, pool_pre_ping=True)
templates = Environment(
    loader=FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
    autoescape=select_autoescape(["html"]),
)

YIELD_SQL = text(
    """
    SELECT f.name AS field, f.area_ha, c.species, c.variety, c.season,
           h.harvested_t, h.moisture_pct, h.harvested_on
    FROM fields_harvest h
    JOIN crops_crop c ON c.id = h.crop_id
    JOIN fields_field f ON f.id = c.field_id
    WHERE f.farm_id = :farm AND c.season = :season
    """
)


def yield_frame(farm_id, season):
    df = pd.read_sql(YIELD_SQL, engine, params={"farm": farm_id, "season": season})  #@safe
    return _enrich(df)


def yield_frame_for_crop(farm_id, season, crop):
    query = (
        "SELECT f.name AS field, f.area_ha, c.species, c.variety, c.season, h.harvested_t, h.moisture_pct, "
        "h.harvested_on FROM fields_harvest h JOIN crops_crop c ON c.id = h.crop_id "
        f"JOIN fields_field f ON f.id = c.field_id WHERE f.farm_id = {int(farm_id)} "
        f"AND c.season = '{season}' AND c.species = '{crop}'"
    )
    df = pd.read_sql(query, engine)  #@vuln CWE-89
    return _enrich(df)


def _enrich(df):
    if df.empty:
        return df
    df["area_ha"] = df["area_ha"].astype(float)
    df["dry_t"] = df["harvested_t"] * (100 - df["moisture_pct"]) / 86.0
    df["yield_t_ha"] = np.where(df["area_ha"] > 0, df["dry_t"] / df["area_ha"], np.nan)
    return df


def summarise(df):
    if df.empty:
        return pd.DataFrame(columns=["species", "fields", "area_ha", "dry_t", "yield_t_ha"])
    grouped = df.groupby("species").agg(fields=("field", "nunique"), area_ha=("area_ha", "sum"), dry_t=("dry_t", "sum"))
    grouped["yield_t_ha"] = grouped["dry_t"] / grouped["area_ha"]
    return grouped.reset_index().round(2)


def _write_pdf(df, summary, farm_id, season, header, path):
    if header:
        banner = Template(header).render(farm_id=farm_id, season=season, rows=len(df))  #@vuln CWE-1336
    else:
        banner = f"Farm {farm_id} - season {season}"
    body = templates.get_template("yield_report.html").render(  #@safe
        banner=banner,
        summary=summary.to_dict("records"),
        detail=df.to_dict("records"),
    )
    HTML(string=body).write_pdf(path)


@app.task(bind=True)
def build_yield_report(self, farm_id, season, options):
    crop = options.get("crop")
    df = yield_frame_for_crop(farm_id, season, crop) if crop else yield_frame(farm_id, season)
    if options.get("filter"):
        df = df.query(options["filter"])  #@vuln CWE-94
    summary = summarise(df)

    out_dir = ensure_dir(os.path.join(EXPORT_ROOT, "yield", str(farm_id)))
    base_name = options.get("filename") or f"yield_{farm_id}_{season}"
    written = []
    formats = options.get("formats") or ["csv"]

    if "csv" in formats:
        csv_path = os.path.join(out_dir, base_name + ".csv")
        df.to_csv(csv_path, index=False)  #@vuln CWE-22
        written.append(csv_path)
    if "xlsx" in formats:
        xlsx_path = resolve_inside(out_dir, f"{base_name}.xlsx")
        with pd.ExcelWriter(xlsx_path, engine="openpyxl") as writer:  #@safe
            summary.to_excel(writer, sheet_name="Summary", index=False)
            df.to_excel(writer, sheet_name="Detail", index=False)
        written.append(xlsx_path)
    if "pdf" in formats:
        pdf_path = resolve_inside(out_dir, f"{base_name}.pdf")
        _write_pdf(df, summary, farm_id, season, options.get("header"), pdf_path)
        written.append(pdf_path)

    log.info("yield report for farm %s: %s", farm_id, written)
    return written
