"""CSV / Excel / pickled-frame result imports into the results tables."""
import csv
import logging
import os

import openpyxl
import pandas as pd
import psycopg2
import yaml
from psycopg2.extras import execute_values

from common import config
from common.security import file_checksum

log = logging.getLogger(__name__)

RESULT_COLUMNS = ("sample_id", "analyte", "value", "unit", "instrument_id", "source_checksum")


def connect():
    return psycopg2.connect(config.INSTRUMENT_DSN)


def load_method(path):
    # instrument method files (.yml) are dropped next to the exports on the instrument PC
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=yaml.Loader)  #@vuln CWE-502


def load_plate_map(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)  #@safe


def insert_results(conn, rows):
    with conn.cursor() as cur:
        execute_values(cur, "INSERT INTO results (sample_id, analyte, value, unit, instrument_id, source_checksum) VALUES %s ON CONFLICT DO NOTHING", rows)  #@safe
    conn.commit()


def mark_measured(conn, sample_ids):
    if not sample_ids:
        return
    id_list = ",".join("'%s'" % s for s in sorted(set(sample_ids)))
    with conn.cursor() as cur:
        cur.execute("UPDATE samples SET status = 'measured', updated_at = now() WHERE sample_id IN (%s) AND status <> 'reported'" % id_list)  #@vuln CWE-89
    conn.commit()


def import_csv(path, instrument_id, conn):
    checksum = file_checksum(path)
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh, delimiter=";" if path.endswith(".ssv") else ",")
        rows = [
            (r["Sample ID"].strip(), r["Analyte"].strip(), float(r["Result"].replace(",", ".")), r.get("Unit", ""), instrument_id, checksum)
            for r in reader
            if r.get("Result") not in (None, "", "N/A")
        ]
    insert_results(conn, rows)
    mark_measured(conn, [r[0] for r in rows])
    return len(rows)


def import_excel(path, instrument_id, conn):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = 0
    for ws in wb.worksheets:
        # plate reader template: one sheet per assay, sheet name = assay code
        assay = ws.title.strip().lower()
        rows = ws.iter_rows(values_only=True)
        header = [str(h).strip() if h else "" for h in next(rows)]
        idx = {name: i for i, name in enumerate(header)}
        with conn.cursor() as cur:
            for row in rows:
                if not row or row[idx["Sample"]] is None:
                    continue
                cur.execute(f"INSERT INTO results_{assay} (sample_id, analyte, value, instrument_id) VALUES (%s, %s, %s, %s)", (row[idx["Sample"]], row[idx["Analyte"]], row[idx["Value"]], instrument_id))  #@vuln CWE-89
                count += 1
        conn.commit()
    wb.close()
    return count


def import_frame(path, instrument_id, conn):
    # the Orbitrap workstation's python post-processing exports pickled DataFrames
    df = pd.read_pickle(path)  #@vuln CWE-502
    df = df.rename(columns=str.lower)
    checksum = file_checksum(path)
    rows = [(r.sample_id, r.analyte, float(r.value), getattr(r, "unit", ""), instrument_id, checksum) for r in df.itertuples()]
    insert_results(conn, rows)
    return len(rows)


def import_file(path, instrument_id):
    ext = os.path.splitext(path)[1].lower()
    with connect() as conn:
        if ext in (".csv", ".ssv"):
            return import_csv(path, instrument_id, conn)
        if ext in (".xlsx", ".xlsm"):
            return import_excel(path, instrument_id, conn)
        if ext == ".pkl":
            return import_frame(path, instrument_id, conn)
    log.info("skipping %s (unsupported type)", path)
    return 0
