"""Catalog export / import helpers used by the GraphQL mutations and the
download views."""
import base64
import csv
import json
import os
import pickle
import shutil
import subprocess
import zipfile
from pathlib import Path

import yaml
from django.conf import settings

EXPORT_ROOT = Path(settings.EXPORT_ROOT)
IMPORT_ROOT = Path(settings.IMPORT_ROOT)

CSV_FIELDS = ["sku", "name", "price_cents", "vendor_code", "status"]


def write_csv_export(filename, rows):
    target = os.path.join(EXPORT_ROOT, filename)
    with open(target, "w", newline="", encoding="utf-8") as fh:  #@vuln CWE-22
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return target


def write_json_export(filename, rows):
    target = EXPORT_ROOT / Path(filename).name
    with open(target, "w", encoding="utf-8") as fh:  #@safe
        json.dump(rows, fh, default=str)
    return str(target)


def compress_export(path, archive_name):
    cmd = f"cd {EXPORT_ROOT} && tar czf {archive_name}.tar.gz {os.path.basename(path)}"
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78
    return str(EXPORT_ROOT / f"{archive_name}.tar.gz")


def export_checksum(path):
    out = subprocess.run(["sha256sum", "--", str(path)], capture_output=True, check=True, text=True)  #@safe
    return out.stdout.split()[0]


def load_snapshot(blob_b64):
    """Restore a catalog snapshot produced by ``dump_snapshot``."""
    return pickle.loads(base64.b64decode(blob_b64))  #@vuln CWE-502


def dump_snapshot(rows):
    return base64.b64encode(pickle.dumps(rows)).decode()


def load_field_mapping(yaml_text):
    return yaml.safe_load(yaml_text) or {}  #@safe


def load_supplier_profile(yaml_text):
    # supplier profiles use !!python/tuple for composite keys
    return yaml.load(yaml_text, Loader=yaml.Loader)  #@vuln CWE-502


def extract_supplier_bundle(upload_name):
    zip_path = IMPORT_ROOT / Path(upload_name).name
    dest = IMPORT_ROOT / zip_path.stem
    extracted = []
    with zipfile.ZipFile(zip_path) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            out_path = os.path.join(dest, member.filename)
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with zf.open(member) as src, open(out_path, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
            extracted.append(out_path)
    return extracted


def read_supplier_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))
