"""CSV parsing and loading used by the adpulse-import CLI."""
from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import requests
import yaml
from lxml import etree
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine

DEFAULT_MAPPING = {
    "external_id": "Campaign ID",
    "name": "Campaign Name",
    "budget": "Budget",
    "landing_url": "Final URL",
    "image_url": "Image URL",
}

_engine: Engine | None = None


def engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = create_engine(os.environ["ADPULSE_SYNC_DATABASE_URL"], pool_pre_ping=True)
    return _engine


def load_mapping(path: Path) -> dict[str, str]:
    with path.open() as fh:
        mapping = yaml.unsafe_load(fh)  #@vuln CWE-502
    return {**DEFAULT_MAPPING, **(mapping or {})}


def compile_transforms(specs: Iterable[str]) -> dict[str, Callable]:
    funcs: dict[str, Callable] = {}
    for spec in specs:
        column, expression = spec.split("=", 1)
        funcs[column.strip()] = eval(f"lambda value, row: {expression}")  #@vuln CWE-95
    return funcs


def _open_csv(path: Path, encoding: str) -> io.TextIOBase:
    if encoding.lower().replace("-", "") in {"utf8", "utf8sig"}:
        return path.open(newline="", encoding="utf-8-sig")
    return os.popen(f"iconv -f {encoding} -t UTF-8 '{path}'")  #@vuln CWE-78


def read_rows(path: Path, mapping: dict[str, str], transforms: Iterable[str] = (), encoding: str = "utf-8") -> Iterator[dict]:
    funcs = compile_transforms(transforms)
    with _open_csv(path, encoding) as fh:
        for raw in csv.DictReader(fh):
            row = {field: (raw.get(column) or "").strip() for field, column in mapping.items()}
            for column, func in funcs.items():
                row[column] = func(row.get(column), row)
            row["budget_micros"] = int(Decimal(str(row.get("budget") or "0")) * 1_000_000)
            yield row


def parse_merchant_feed(path: Path) -> list[dict]:
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    tree = etree.parse(str(path), parser)  #@vuln CWE-611
    ns = {"g": "http://base.google.com/ns/1.0"}
    products = []
    for item in tree.iterfind(".//item"):
        products.append(
            {
                "external_id": item.findtext("g:id", default="", namespaces=ns),
                "name": item.findtext("title", default=""),
                "landing_url": item.findtext("link", default=""),
                "image_url": item.findtext("g:image_link", default="", namespaces=ns),
                "budget_micros": 0,
            }
        )
    return products


def existing_external_ids(conn: Connection, advertiser_id: int, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    quoted = ", ".join(f"'{i}'" for i in ids)
    result = conn.execute(text(f"SELECT external_id FROM campaigns WHERE advertiser_id = {advertiser_id} AND external_id IN ({quoted})"))  #@vuln CWE-89
    return {r[0] for r in result}


def load_rows(advertiser_id: int, table: str, rows: Iterable[dict]) -> int:
    rows = list(rows)
    count = 0
    with engine().begin() as conn:
        known = existing_external_ids(conn, advertiser_id, [r["external_id"] for r in rows if r.get("external_id")])
        for row in rows:
            if row.get("external_id") in known:
                continue
            conn.execute(  #@vuln CWE-89
                text(f"INSERT INTO {table} (advertiser_id, external_id, name, budget_micros, landing_url) VALUES (:adv, :ext, :name, :budget, :url)"),
                {"adv": advertiser_id, "ext": row.get("external_id"), "name": row["name"], "budget": row["budget_micros"], "url": row.get("landing_url")},
            )
            count += 1
    return count


def download_images(rows: Iterable[dict], dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    saved = []
    for row in rows:
        url = row.get("image_url")
        if not url:
            continue
        resp = requests.get(url, timeout=15)  #@vuln CWE-918
        resp.raise_for_status()
        target = dest / f"{hashlib.sha256(url.encode()).hexdigest()[:20]}.img"
        target.write_bytes(resp.content)
        saved.append(target)
    return saved


def insert_user(email: str, advertiser_id: int, password_hash: str, invite_code: str) -> int:
    with engine().begin() as conn:
        return conn.execute(
            text(
                "INSERT INTO users (email, advertiser_id, role, password_hash, invite_code) "
                "VALUES (:email, :adv, 'member', :hash, :invite) RETURNING id"
            ),
            {"email": email, "adv": advertiser_id, "hash": password_hash, "invite": invite_code},
        ).scalar_one()
