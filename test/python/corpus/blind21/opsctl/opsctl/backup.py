import hashlib
import os
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

import boto3
import typer
from Crypto.Cipher import DES

app = typer.Typer(help="Backups to S3")

AWS_REGION = "eu-west-1"
BACKUP_BUCKET = "orderly-prod-backups"
LEGACY_VAULT_KEY = os.environ.get("ORDERLY_VAULT_KEY", "").encode()


def s3_client():
    # ops laptop fallback credentials for the backup-only IAM user
    return boto3.client("s3", region_name=AWS_REGION, aws_access_key_id="AKIA4QX3ORDERLY7H2KL", aws_secret_access_key="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")  #@vuln CWE-798


def ec2_client():
    session = boto3.Session(profile_name=os.environ.get("AWS_PROFILE", "orderly-ops"))
    return session.client("ec2", region_name=AWS_REGION)


def list_instances() -> list[dict]:
    result = []
    for page in ec2_client().get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for inst in reservation["Instances"]:
                tags = {t["Key"]: t["Value"] for t in inst.get("Tags", [])}
                result.append({"InstanceId": inst["InstanceId"], "State": inst["State"]["Name"], "Name": tags.get("Name"), "PrivateIp": inst.get("PrivateIpAddress")})
    return result


def md5_etag(path: Path) -> str:
    # S3 single-part ETag is the MD5 of the object; used only for change detection
    digest = hashlib.md5(usedforsecurity=False)  #@safe
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def decrypt_legacy_vault(blob: bytes) -> bytes:
    iv, body = blob[:8], blob[8:]
    return DES.new(LEGACY_VAULT_KEY[:8], DES.MODE_CBC, iv).decrypt(body)  #@vuln CWE-327


@app.command()
def create(paths: list[Path], name: str = "adhoc"):
    stamp = datetime.utcnow().strftime("%Y%m%dT%H%M")
    key = f"{name}/{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "backup.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            for p in paths:
                tar.add(p, arcname=p.name)
        s3_client().upload_file(str(archive), BACKUP_BUCKET, key, ExtraArgs={"Metadata": {"md5": md5_etag(archive)}})
    typer.echo(f"uploaded s3://{BACKUP_BUCKET}/{key}")


@app.command()
def restore(key: str, dest: Path = Path("/srv/restore")):
    """Restore a tarball from the backup bucket into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / "restore.tar.gz"
        s3_client().download_file(BACKUP_BUCKET, key, str(local))
        with tarfile.open(local) as tar:
            tar.extractall(dest)  #@vuln CWE-22
    typer.echo(f"restored {key} into {dest}")


@app.command("restore-safe")
def restore_safe(key: str, dest: Path = Path("/srv/restore")):
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / "restore.tar.gz"
        s3_client().download_file(BACKUP_BUCKET, key, str(local))
        with tarfile.open(local) as tar:
            tar.extractall(dest, filter="data")  #@safe
    typer.echo(f"restored {key} into {dest}")


@app.command("restore-db")
def restore_db(key: str, db_url: str = typer.Option(..., envvar="ORDERLY_DB_URL")):
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / "dump.sql.gz"
        s3_client().download_file(BACKUP_BUCKET, key, str(local))
        subprocess.run(f"gunzip -c {local} | psql {db_url}", shell=True, check=True)  #@vuln CWE-78
    typer.echo("database restored")


@app.command("ls")
def list_backups(prefix: str = ""):
    resp = s3_client().list_objects_v2(Bucket=BACKUP_BUCKET, Prefix=prefix)
    for obj in resp.get("Contents", []):
        typer.echo(f"{obj['LastModified']:%Y-%m-%d %H:%M}  {obj['Size']:>12}  {obj['Key']}")
