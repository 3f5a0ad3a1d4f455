"""datactl - operator CLI for the data platform.

Used by on-call engineers and by the nightly scheduler (jobs are defined in the
`scheduled_jobs` table and their arguments are passed straight through).
"""
import csv
import hashlib
import json
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import typer
import yaml
from Crypto.Cipher import AES, DES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad

from common import config, db, net, security
from datactl import archive

app = typer.Typer(help="Operator tooling for the data platform.")
users_app = typer.Typer(help="Manage reports / ops desk users.")
app.add_typer(users_app, name="users")

PURGEABLE_TABLES = {"ops_sessions", "import_log", "usage", "incidents"}


def _pg_env():
    env = dict(os.environ)
    env["PGPASSWORD"] = config.WAREHOUSE_PASSWORD
    return env


@app.command()
def backup(database: str = typer.Argument(..., help="warehouse database name"), dest: Path = typer.Option(Path("/backups"))):
    """Dump a warehouse database to DEST as gzip."""
    dest.mkdir(parents=True, exist_ok=True)
    cmd = f"pg_dump -h {config.WAREHOUSE_HOST} -U {config.WAREHOUSE_USER} {database} | gzip > {dest}/{database}.sql.gz"
    subprocess.run(cmd, shell=True, check=True, env=_pg_env())  #@vuln CWE-78
    typer.echo(f"backup written to {dest}/{database}.sql.gz")


@app.command()
def restore(dump: Path, database: str):
    """Restore a custom-format dump into DATABASE."""
    if not dump.exists():
        raise typer.BadParameter(f"{dump} does not exist")
    subprocess.run(["pg_restore", "-h", config.WAREHOUSE_HOST, "-U", config.WAREHOUSE_USER, "-d", database, "--clean", str(dump)], check=True, env=_pg_env())  #@safe


@app.command("restore-bundle")
def restore_bundle(bundle: Path, dest: Path = typer.Option(config.DATA_DIR / "restored")):
    names = archive.extract_backup_bundle(bundle, dest)
    typer.echo(f"restored {len(names)} entries into {dest}")


@app.command()
def ingest(drop_dir: Path = typer.Option(config.DATA_DIR / "vendor_drop"), verify: bool = True):
    """Process files dropped by vendors over SFTP according to their manifest.json."""
    incoming = config.DATA_DIR / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((drop_dir / "manifest.json").read_text())
    for entry in manifest.get("files", []):
        name = entry["name"]
        path = drop_dir / name
        if verify and entry.get("md5"):
            digest = hashlib.md5(path.read_bytes()).hexdigest()  #@vuln CWE-328|CWE-327
            if digest != entry["md5"].lower():
                typer.secho(f"checksum mismatch for {name}, skipping", fg=typer.colors.RED)
                continue
        if name.endswith(".zip"):
            archive.extract_zip(path, incoming)
        elif name.endswith((".tar.gz", ".tgz", ".tar")):
            archive.extract_tar(path, incoming)
        elif name.endswith(".gz"):
            os.system(f"gunzip -f {drop_dir}/{name}")  #@vuln CWE-78
            shutil.move(str(path.with_suffix("")), incoming)
        else:
            shutil.copy2(path, incoming / path.name)
        typer.echo(f"ingested {name}")


@app.command("import-notebooks")
def import_notebooks(bundle: Path, dest: Path = typer.Option(config.DATA_DIR / "notebooks")):
    files = archive.extract_zip_checked(bundle, dest)
    typer.echo(f"imported {len(files)} notebooks")


@app.command("sync-config")
def sync_config(name: str = typer.Argument("platform")):
    """Pull shared YAML config from the warehouse config API and cache it locally."""
    resp = net.internal_get(f"/config/{name}")
    resp.raise_for_status()
    cfg = yaml.load(resp.text, Loader=yaml.Loader)  #@vuln CWE-502
    fd, tmp = tempfile.mkstemp(suffix=".json", dir=config.DATA_DIR)  #@safe
    with os.fdopen(fd, "w") as fh:
        json.dump(cfg, fh, indent=2, default=str)
    os.replace(tmp, config.DATA_DIR / f"{Path(name).name}.json")
    typer.echo(f"config {name} synced")


def _legacy_encrypt(data: bytes, key: bytes) -> bytes:
    # finance's decrypt macro only understands this format
    cipher = DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(pad(data, DES.block_size))


def _encrypt_gcm(data: bytes, key: bytes) -> bytes:
    cipher = AES.new(key, AES.MODE_GCM, nonce=get_random_bytes(12))  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext


@app.command("export-sales")
def export_sales(region: str, out: Path, encrypt: bool = False, finance_format: bool = False):
    tmp_path = tempfile.mktemp(suffix=".csv", prefix="sales_")  #@vuln CWE-377
    conn = db.connect()
    rows = conn.execute("SELECT id, region, customer, amount, created_at FROM sales WHERE region = ? ORDER BY created_at", (region,)).fetchall()
    conn.close()
    with open(tmp_path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "region", "customer", "amount", "created_at"])
        writer.writerows([tuple(r) for r in rows])
    if encrypt:
        key = bytes.fromhex(os.environ["EXPORT_KEY_HEX"])
        data = Path(tmp_path).read_bytes()
        out.write_bytes(_legacy_encrypt(data, key) if finance_format else _encrypt_gcm(data, key))
        os.unlink(tmp_path)
    else:
        shutil.move(tmp_path, out)
    typer.echo(f"exported {len(rows)} rows to {out}")


@app.command()
def purge(table: str, older_than_days: int = 90):
    if table not in PURGEABLE_TABLES:
        raise typer.BadParameter(f"{table} cannot be purged")
    with db.cursor() as cur:
        cur.execute(f"DELETE FROM {table} WHERE created_at < date('now', ?)", (f"-{older_than_days} days",))  #@safe
        typer.echo(f"deleted {cur.rowcount} rows from {table}")


@users_app.command("create")
def create_user(username: str, role: str = typer.Option("analyst")):
    password = security.make_reset_token(16)
    with db.cursor() as cur:
        cur.execute("INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)", (username, security.hash_password_v2(password), role))
    typer.echo(f"created {username}; initial password: {password}")


@users_app.command("service-token")
def service_token(name: str):
    token = "%032x" % random.getrandbits(128)  #@vuln CWE-338
    with db.cursor() as cur:
        cur.execute("INSERT INTO service_tokens (name, token_hash, created_at) VALUES (?, ?, datetime('now'))", (name, hashlib.sha256(token.encode()).hexdigest()))
    typer.echo(token)


if __name__ == "__main__":
    app()
