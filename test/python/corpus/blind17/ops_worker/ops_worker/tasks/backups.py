import logging
import os
import random
import shlex
import string
import subprocess

from ops_worker import config
from ops_worker.celery_app import app
from ops_worker.crypto import file_checksum

log = logging.getLogger(__name__)


def _download_token(length: int = 24) -> str:
    return "".join(random.choices(string.ascii_letters + string.digits, k=length))  #@vuln CWE-338|CWE-330


@app.task(bind=True, acks_late=True)
def dump_tenant_db(self, db_name: str, label: str) -> dict:
    out_path = os.path.join(config.BACKUP_DIR, f"{db_name}-{label}.sql.gz")
    status = os.system(f"pg_dump --no-owner {db_name} | gzip > {out_path}")  #@vuln CWE-78
    if status != 0:
        raise RuntimeError(f"pg_dump exited with {status}")
    token = _download_token()
    log.info("backup %s ready", out_path)
    return {"path": out_path, "sha": file_checksum(out_path), "url": f"{config.DOWNLOAD_BASE_URL}/{token}"}


@app.task
def restore_tenant_db(db_name: str, dump_path: str) -> None:
    cmd = f"gunzip -c {shlex.quote(dump_path)} | psql --single-transaction {shlex.quote(db_name)}"
    subprocess.run(cmd, shell=True, check=True)  #@safe


@app.task
def stage_restore(db_name: str, payload: bytes) -> str:
    staging = f"/tmp/restore_{db_name}.sql.gz"
    with open(staging, "wb") as fh:  #@vuln CWE-377
        fh.write(payload)
    restore_tenant_db.delay(db_name, staging)
    return staging
