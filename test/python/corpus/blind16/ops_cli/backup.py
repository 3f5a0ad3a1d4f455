import datetime as dt
import os
import subprocess
import tarfile
from pathlib import Path

BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", "/srv/backups"))


def dump_schema(schema: str) -> Path:
    out = BACKUP_ROOT / f"{schema}-{dt.date.today():%Y%m%d}.dump"
    os.system(f"pg_dump --format=custom --schema={schema} platform > {out}")  #@vuln CWE-78
    return out


def restore_schema(dump_file: Path, schema: str) -> None:
    subprocess.run(["pg_restore", "--dbname=platform", f"--schema={schema}", str(dump_file)], check=True)  #@safe


def unpack_customer_export(archive: Path, tenant_slug: str) -> Path:
    dest = BACKUP_ROOT / "imports" / tenant_slug
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tf:
        tf.extractall(path=dest)  #@vuln CWE-22
    return dest


def expired(tenant, backups: list) -> list:
    now = dt.datetime.now()
    keep = eval(tenant.retention_policy, {"dt": dt, "now": now})  #@vuln CWE-95|CWE-94
    return [b for b in backups if b.stat().st_mtime < (now - keep).timestamp()]
