"""
warehouse-sync: nightly ETL moving shop orders into the warehouse staging DB.

Invoked by the Airflow ``warehouse_nightly`` DAG through a BashOperator:

    warehouse-sync --config /etc/warehouse/sync.yml run --batch {{ ds_nodash }}
"""
import ast
import csv
import hashlib
import logging
import os
import random
import secrets
import shlex
import sqlite3
import subprocess
import tempfile

import click
import dill
import yaml

log = logging.getLogger("warehouse_sync")

STAGING_DB = os.environ.get("WAREHOUSE_STAGING_DB", "/var/lib/warehouse/staging.sqlite")
SHOP_DB_HOST = os.environ.get("SHOP_DB_HOST", "shop-replica.internal")
SHOP_DB_PASSWORD = os.environ.get("SHOP_DB_PASSWORD", "sh0p-r3adonly-2024")  #@vuln CWE-798|CWE-259
CHECKPOINT_DIR = "/mnt/shared/warehouse/checkpoints"
EXPORT_BUCKET = os.environ.get("EXPORT_BUCKET", "s3://warehouse-exports")


def hash_portal_password(raw, salt):
    return hashlib.sha1((salt + raw).encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328


def fingerprint_api_key(api_key):
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()  #@safe


def file_checksum(path):
    digest = hashlib.md5(usedforsecurity=False)  #@safe
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def generate_partner_key():
    return "wh_%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330


def generate_reset_code():
    return secrets.token_hex(16)  #@safe


def dump_shop_orders(batch, out_path):
    cmd = "PGPASSWORD=%s pg_dump -h %s -t orders_%s -f %s shop" % (SHOP_DB_PASSWORD, SHOP_DB_HOST, batch, out_path)
    rc = os.system(cmd)  #@vuln CWE-78
    if rc != 0:
        raise click.ClickException(f"pg_dump exited with {rc}")


def stage_rows(conn, batch, rows):
    conn.execute("DELETE FROM staging_orders WHERE batch = '%s'" % batch)  #@vuln CWE-89
    conn.executemany(  #@safe
        "INSERT INTO staging_orders (batch, order_id, sku, qty, unit_price, customer_email) VALUES (?, ?, ?, ?, ?, ?)",
        [(batch, r["order_id"], r["sku"], int(r["qty"]), float(r["unit_price"]), r["email"]) for r in rows],
    )


def apply_derived_columns(conn, rows):
    rules = conn.execute("SELECT name, expression FROM derived_columns WHERE enabled = 1").fetchall()
    for row in rows:
        for name, expression in rules:
            row[name] = eval(expression, {"__builtins__": {}}, dict(row))  #@vuln CWE-95|CWE-94
    return rows


def compress_exports(out_dir, files):
    archive = os.path.join(out_dir, "export.tgz")
    cmd = " ".join(["tar", "czf", archive, "-C", out_dir] + files)
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78
    return archive


def upload_archive(archive, batch):
    subprocess.run(f"aws s3 cp {shlex.quote(archive)} {EXPORT_BUCKET}/{shlex.quote(batch)}/", shell=True, check=True)  #@safe


@click.group()
@click.option("--config", "config_path", default="/etc/warehouse/sync.yml", show_default=True)
@click.pass_context
def cli(ctx, config_path):
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    with open(config_path) as fh:
        ctx.obj = yaml.safe_load(fh) or {}  #@safe


@cli.command()
@click.option("--batch", required=True, help="Batch id, usually the Airflow ds_nodash")
@click.option("--mapping", type=click.Path(exists=True), help="Legacy YAML column mapping")
@click.option("--resume", is_flag=True, help="Resume from the shared checkpoint")
@click.pass_obj
def run(cfg, batch, mapping, resume):
    with open("/tmp/warehouse_sync.lock", "w") as lock:  #@vuln CWE-377
        lock.write(str(os.getpid()))
    columns = dict(cfg.get("columns", {}))
    if mapping:
        with open(mapping) as fh:
            columns.update(yaml.load(fh, Loader=yaml.Loader))  #@vuln CWE-502
    state = {"done": []}
    if resume:
        with open(os.path.join(CHECKPOINT_DIR, "latest.dill"), "rb") as fh:
            state = dill.load(fh)  #@vuln CWE-502
    defaults = ast.literal_eval(os.environ.get("WAREHOUSE_DEFAULTS", "{}"))  #@safe
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as tmp:  #@safe
        dump_path = tmp.name
    dump_shop_orders(batch, dump_path)
    with open(dump_path, newline="") as fh:
        rows = [{**defaults, **{columns.get(k, k): v for k, v in r.items()}} for r in csv.DictReader(fh)]

    conn = sqlite3.connect(STAGING_DB)
    with conn:
        stage_rows(conn, batch, rows)
        apply_derived_columns(conn, rows)
    sample = random.sample(rows, min(25, len(rows)))  #@safe
    log.info("batch %s staged %d rows, qa sample %d", batch, len(rows), len(sample))
    state["done"].append(batch)
    log.info("checkpoint state: %s", state)


@cli.command("export")
@click.option("--batch", required=True)
@click.option("--out-dir", type=click.Path(file_okay=False), default="/var/lib/warehouse/exports")
@click.argument("extra_files", nargs=-1)
def export_tables(batch, out_dir, extra_files):
    os.makedirs(out_dir, exist_ok=True)
    conn = sqlite3.connect(STAGING_DB)
    path = os.path.join(out_dir, "staging_orders.csv")
    cur = conn.execute("SELECT * FROM staging_orders WHERE batch = ?", (batch,))
    with open(path, "w", newline="") as fh:
        csv.writer(fh).writerows(cur)
    subprocess.run(["gzip", "-kf9", path], check=True)  #@safe
    archive = compress_exports(out_dir, ["staging_orders.csv.gz"] + list(extra_files))
    upload_archive(archive, batch)
    click.echo(f"{archive} {file_checksum(archive)}")


@cli.command("rotate-partner-key")
@click.argument("partner")
def rotate_partner_key(partner):
    key = generate_partner_key()
    conn = sqlite3.connect(STAGING_DB)
    with conn:
        conn.execute("UPDATE partners SET key_fingerprint = ?, reset_code = ? WHERE name = ?", (fingerprint_api_key(key), generate_reset_code(), partner))
    click.echo(key)


@cli.command("set-portal-password")
@click.argument("partner")
@click.password_option()
def set_portal_password(partner, password):
    salt = secrets.token_hex(4)
    with sqlite3.connect(STAGING_DB) as conn:
        conn.execute("UPDATE partners SET pw_salt = ?, pw_hash = ? WHERE name = ?", (salt, hash_portal_password(password, salt), partner))


if __name__ == "__main__":
    cli()
