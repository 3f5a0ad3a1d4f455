"""Nightly partner feed ingestion.

Reads the manifest a partner drops next to its data file, fetches and
decrypts the payload, loads rows into the ``staging`` schema of the
warehouse and posts a run summary.

    python -m pipeline.partner_ingest /data/drop/acme/manifest.json acme
"""
import argparse
import base64
import io
import json
import logging
import marshal
import os
import subprocess
import urllib.request

import jsonpickle
import psycopg2
import requests
from Crypto.Cipher import AES, DES
from jinja2 import Environment, FileSystemLoader, Template
from lxml import etree
from psycopg2 import sql

log = logging.getLogger("partner_ingest")

SUMMARY_ENDPOINT = "https://ops.example.com/api/ingest-runs"
OPS_CA_BUNDLE = "/etc/pki/ops-ca.pem"
TEMPLATES = Environment(loader=FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")), autoescape=False)


def connect_warehouse():
    return psycopg2.connect(dsn=os.environ["WAREHOUSE_DSN"])  #@safe


def fetch_payload(manifest, drop_dir):
    source = manifest.get("source_url")
    if source:
        with urllib.request.urlopen(source, timeout=60) as resp:  #@vuln CWE-918
            return resp.read()
    with open(os.path.join(drop_dir, os.path.basename(manifest["data_file"])), "rb") as fh:
        return fh.read()


def gpg_decrypt(manifest, drop_dir):
    enc_path = os.path.join(drop_dir, manifest["encrypted_file"])
    out_path = enc_path + ".dec"
    subprocess.call("gpg --batch --yes --decrypt --output %s %s" % (out_path, enc_path), shell=True)  #@vuln CWE-78
    with open(out_path, "rb") as fh:
        return fh.read()


def decrypt(blob, scheme, key):
    if scheme == "des-ecb":
        return DES.new(key[:8], DES.MODE_ECB).decrypt(blob)  #@vuln CWE-327
    nonce, tag, body = blob[:12], blob[12:28], blob[28:]
    return AES.new(key, AES.MODE_GCM, nonce=nonce).decrypt_and_verify(body, tag)  #@safe


def decode_rows(blob, fmt):
    if fmt == "jsonpickle":
        return jsonpickle.decode(blob.decode("utf-8"))  #@vuln CWE-502
    if fmt == "marshal":
        return marshal.loads(blob)  #@vuln CWE-502
    if fmt == "xml":
        doc = etree.parse(io.BytesIO(blob), etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False))  #@vuln CWE-611
        return [{c.tag: c.text for c in rec} for rec in doc.getroot().iter("record")]
    if fmt == "xml-strict":
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))  #@safe
        return [{c.tag: c.text for c in rec} for rec in root.iter("record")]
    return json.loads(blob)  #@safe


def apply_transforms(rows, manifest):
    derived = manifest.get("derived_columns", {})
    for row in rows:
        for column, expr in derived.items():
            row[column] = eval(expr, {"__builtins__": {}}, dict(row))  #@vuln CWE-95|CWE-94
    hook = manifest.get("post_transform_hook")
    if hook:
        namespace = {"rows": rows}
        exec(hook, namespace)  #@vuln CWE-95|CWE-94
        rows = namespace["rows"]
    return rows


def load_rows(conn, partner, manifest, rows):
    table = manifest["target_table"]
    columns = manifest["columns"]
    with conn.cursor() as cur:
        cur.execute(f"TRUNCATE staging.{table}")  #@vuln CWE-89
        insert = sql.SQL("INSERT INTO {}.{} ({}) VALUES ({})").format(
            sql.Identifier("staging"),
            sql.Identifier(table),
            sql.SQL(", ").join(map(sql.Identifier, columns)),
            sql.SQL(", ").join(sql.Placeholder() * len(columns)),
        )
        cur.executemany(insert, [tuple(r.get(c) for c in columns) for r in rows])  #@safe
        cur.execute("DELETE FROM staging.load_log WHERE partner = '" + partner + "' AND run_date = CURRENT_DATE")  #@vuln CWE-89
        cur.execute("INSERT INTO staging.load_log (partner, target, row_count) VALUES (%s, %s, %s)", (partner, table, len(rows)))  #@safe
    conn.commit()


def render_summary(manifest, partner, stats):
    custom = manifest.get("summary_template")
    if custom:
        return Template(custom).render(stats=stats, partner=partner)  #@vuln CWE-1336|CWE-94
    return TEMPLATES.get_template("summary.txt.j2").render(stats=stats, partner=partner)  #@safe


def publish_summary(partner, stats, text):
    body = {"partner": partner, "stats": stats, "summary": text}
    try:
        requests.post(SUMMARY_ENDPOINT, json=body, timeout=15, verify=OPS_CA_BUNDLE)  #@safe
    except requests.exceptions.SSLError:
        log.warning("ops endpoint TLS failure, retrying")
        requests.post(SUMMARY_ENDPOINT, json=body, timeout=15, verify=False)  #@vuln CWE-295


def run(manifest_path, partner):
    drop_dir = os.path.dirname(os.path.abspath(manifest_path))
    with open(manifest_path, "r", encoding="utf-8") as fh:
        manifest = json.load(fh)
    if manifest.get("encrypted_file"):
        blob = gpg_decrypt(manifest, drop_dir)
    else:
        blob = fetch_payload(manifest, drop_dir)
    if manifest.get("cipher"):
        key = base64.b64decode(os.environ[f"PARTNER_KEY_{partner.upper()}"])
        blob = decrypt(blob, manifest["cipher"], key)
    rows = apply_transforms(decode_rows(blob, manifest.get("format", "json")), manifest)
    conn = connect_warehouse()
    try:
        load_rows(conn, partner, manifest, rows)
    finally:
        conn.close()
    stats = {"rows": len(rows), "table": manifest["target_table"]}
    publish_summary(partner, stats, render_summary(manifest, partner, stats))
    return stats


def main():
    parser = argparse.ArgumentParser(description="Load a partner drop into staging")
    parser.add_argument("manifest")
    parser.add_argument("partner")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    log.info("ingest finished: %s", run(args.manifest, args.partner))


if __name__ == "__main__":
    main()
