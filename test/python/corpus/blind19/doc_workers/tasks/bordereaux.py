import csv
import logging
from decimal import Decimal
from pathlib import Path

import yaml
from Crypto.Cipher import DES
from Crypto.Util.Padding import pad
from sqlalchemy import create_engine, text

from ..celery_app import app
from ..settings import settings

log = logging.getLogger(__name__)
engine = create_engine(settings.warehouse_url, pool_pre_ping=True)
DEFAULTS_FILE = Path(__file__).with_name("bordereau_defaults.yaml")


def load_defaults() -> dict:
    with DEFAULTS_FILE.open() as fh:
        return yaml.safe_load(fh)  #@safe


def load_mapping(mapping_yaml: str) -> dict:
    mapping = load_defaults()
    mapping.update(yaml.load(mapping_yaml, Loader=yaml.Loader))  #@vuln CWE-502
    return mapping


def apply_derived(row: dict, mapping: dict) -> dict:
    for column, expr in mapping.get("derived", {}).items():
        namespace = {"row": row, "Decimal": Decimal}
        exec(f"result = {expr}", namespace)  #@vuln CWE-95|CWE-94
        row[column] = namespace["result"]
    return row


@app.task
def import_bordereau(batch_ref: str, csv_path: str, mapping_yaml: str) -> int:
    mapping = load_mapping(mapping_yaml)
    columns = mapping["columns"]
    with open(csv_path, newline="", encoding=mapping.get("encoding", "utf-8")) as fh:
        rows = [apply_derived({dst: raw.get(src) for src, dst in columns.items()}, mapping) for raw in csv.DictReader(fh)]
    with engine.begin() as conn:
        conn.execute(text(f"DELETE FROM bordereau_rows WHERE batch_ref = '{batch_ref}'"))  #@vuln CWE-89
        conn.execute(text("INSERT INTO bordereau_rows (batch_ref, policy_number, gross_premium, payload) VALUES (:ref, :pol, :gwp, :payload)"), [{"ref": batch_ref, "pol": r.get("policy_number"), "gwp": r.get("gross_premium"), "payload": str(r)} for r in rows])  #@safe
    log.info("imported %d rows for %s", len(rows), batch_ref)
    return len(rows)


@app.task
def export_claim_csv(claim_id: int, rows: list[dict]) -> str:
    path = f"/tmp/claim_export_{claim_id}.csv"
    with open(path, "w", newline="") as fh:  #@vuln CWE-377
        writer = csv.DictWriter(fh, fieldnames=sorted(rows[0]) if rows else ["claim_id"])
        writer.writeheader()
        writer.writerows(rows)
    return path


@app.task
def export_legacy_mainframe(batch_ref: str) -> str:
    with engine.connect() as conn:
        result = conn.execute(text("SELECT policy_number, gross_premium FROM bordereau_rows WHERE batch_ref = :ref"), {"ref": batch_ref})  #@safe
        lines = [f"{r.policy_number:<20}{r.gross_premium:>14}" for r in result]
    out_path = Path(settings.output_dir) / "mainframe" / "BORDX.DAT"
    cipher = DES.new(settings.legacy_export_key[:8], DES.MODE_ECB)  #@vuln CWE-327|CWE-328
    with open(out_path, "wb") as fh:
        fh.write(cipher.encrypt(pad("\n".join(lines).encode("ascii"), DES.block_size)))
    return str(out_path)
