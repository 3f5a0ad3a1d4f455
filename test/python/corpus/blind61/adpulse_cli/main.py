"""adpulse-import: bulk campaign and creative imports for account managers."""
from __future__ import annotations

import hashlib
import os
import secrets
import string
import subprocess
import tarfile
import zipfile
from pathlib import Path
from typing import Optional

import requests
import typer

from adpulse_cli import importers

app = typer.Typer(help="AdPulse campaign import tool", no_args_is_help=True)

API_BASE = os.getenv("ADPULSE_API", "https://api.adpulse.io")
API_TOKEN = os.getenv("ADPULSE_API_TOKEN", "")
CA_BUNDLE = os.getenv("ADPULSE_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
FEED_SHARED_SECRET = "f33d-s3cr3t-2019-adpulse"  #@vuln CWE-798
INVITE_ALPHABET = string.ascii_uppercase + string.digits


def _auth_headers() -> dict[str, str]:
    if not API_TOKEN:
        raise typer.BadParameter("ADPULSE_API_TOKEN is not set")
    return {"Authorization": f"Bearer {API_TOKEN}"}


@app.command("csv")
def import_csv(
    path: Path = typer.Argument(..., exists=True, readable=True),
    advertiser_id: int = typer.Option(..., "--advertiser", "-a"),
    mapping: Optional[Path] = typer.Option(None, help="YAML column mapping"),
    table: str = typer.Option("staging_campaigns", help="target table"),
    encoding: str = typer.Option("utf-8"),
    pre_hook: Optional[str] = typer.Option(None, help="command run on the file before import"),
    transform: list[str] = typer.Option([], "--transform", "-t", help="column=expression"),
    images: Optional[Path] = typer.Option(None, help="download creative images into this folder"),
):
    """Load a campaign CSV exported from another ad platform."""
    if pre_hook:
        subprocess.run(f"{pre_hook} {path}", shell=True, check=True)  #@vuln CWE-78
    columns = importers.load_mapping(mapping) if mapping else importers.DEFAULT_MAPPING
    rows = list(importers.read_rows(path, columns, transform, encoding))
    count = importers.load_rows(advertiser_id, table, rows)
    if images:
        saved = importers.download_images(rows, images)
        typer.echo(f"downloaded {len(saved)} images")
    typer.echo(f"loaded {count} of {len(rows)} rows into {table}")


@app.command("merchant-feed")
def import_merchant_feed(
    path: Path = typer.Argument(..., exists=True, readable=True),
    advertiser_id: int = typer.Option(..., "--advertiser", "-a"),
    table: str = typer.Option("staging_products"),
):
    """Create one draft campaign per product in a Google Merchant XML feed."""
    products = importers.parse_merchant_feed(path)
    count = importers.load_rows(advertiser_id, table, products)
    typer.echo(f"loaded {count} of {len(products)} products into {table}")


@app.command("bundle")
def import_bundle(archive: Path = typer.Argument(..., exists=True), dest: Path = Path("./bundles")):
    """Unpack a creative bundle (tar.gz or zip) delivered by an agency."""
    dest.mkdir(parents=True, exist_ok=True)
    if tarfile.is_tarfile(archive):
        with tarfile.open(archive) as tar:
            tar.extractall(dest)  #@vuln CWE-22
    else:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                target = dest / info.filename
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(info))  #@vuln CWE-22
    typer.echo(f"unpacked {archive.name} into {dest}")


@app.command("assets")
def import_assets(archive: Path = typer.Argument(..., exists=True), dest: Path = Path("./assets")):
    """Unpack a brand asset pack."""
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:*") as tar:
        tar.extractall(dest, filter="data")  #@safe
    typer.echo(f"assets available in {dest}")


@app.command("feed")
def fetch_feed(url: str, out: Path = typer.Option(Path("feed.csv"))):
    """Download a partner product feed and check its signature."""
    resp = requests.get(url, timeout=30, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    signature = resp.headers.get("X-Feed-Signature", "")
    expected = hashlib.sha1((FEED_SHARED_SECRET + resp.text).encode()).hexdigest()  #@vuln CWE-328|CWE-327
    if expected != signature:
        typer.secho("feed signature mismatch", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=2)
    out.write_bytes(resp.content)
    typer.echo(f"saved {len(resp.content)} bytes to {out}")


@app.command("push")
def push(path: Path = typer.Argument(..., exists=True), advertiser_id: int = typer.Option(..., "--advertiser", "-a")):
    """Upload a prepared CSV to the AdPulse API for server-side import."""
    with path.open("rb") as fh:
        resp = requests.post(f"{API_BASE}/campaigns/import", params={"advertiser": advertiser_id}, files={"file": (path.name, fh, "text/csv")}, headers=_auth_headers(), timeout=120, verify=CA_BUNDLE)  #@safe
    resp.raise_for_status()
    typer.echo(resp.json())


@app.command("create-user")
def create_user(
    email: str,
    advertiser_id: int = typer.Option(..., "--advertiser", "-a"),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
):
    """Create a dashboard login for an advertiser contact."""
    salt = secrets.token_hex(4)
    digest = hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916
    invite_code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(10))  #@safe
    user_id = importers.insert_user(email, advertiser_id, f"sha1${salt}${digest}", invite_code)
    typer.echo(f"created user {user_id} ({email}); invite code {invite_code}")


if __name__ == "__main__":
    app()
