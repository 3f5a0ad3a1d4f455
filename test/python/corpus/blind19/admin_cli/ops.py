import os
import shlex
import subprocess
from pathlib import Path

import psycopg2

from .config import AdminConfig


def _pg_env(cfg: AdminConfig) -> dict[str, str]:
    return {**os.environ, "PGPASSWORD": cfg.pg_password}


def dump_table(cfg: AdminConfig, table: str, out_dir: Path) -> Path:
    target = out_dir / f"{table}.sql"
    os.environ["PGPASSWORD"] = cfg.pg_password
    os.system(f"pg_dump -h {cfg.pg_host} -U {cfg.pg_user} -t {table} {cfg.pg_database} > {target}")  #@vuln CWE-78
    return target


def compress(path: Path) -> Path:
    subprocess.run(f"gzip -f {path}", shell=True, check=True)  #@vuln CWE-78
    return path.with_suffix(path.suffix + ".gz")


def restore_table(cfg: AdminConfig, dump_file: Path) -> None:
    subprocess.run(["psql", "-h", cfg.pg_host, "-U", cfg.pg_user, "-d", cfg.pg_database, "-f", str(dump_file)], env=_pg_env(cfg), check=True)  #@safe


def tail_service_log(service: str, lines: int) -> str:
    cmd = f"journalctl -u {shlex.quote(service)} -n {int(lines)} --no-pager"
    return subprocess.check_output(cmd, shell=True, text=True)  #@safe


def disk_usage(path: str) -> str:
    return os.popen("du -sh " + path).read().strip()  #@vuln CWE-78


def purge_notes(cfg: AdminConfig, older_than_days: int, author: str | None) -> int:
    author_clause = f" AND author = '{author}'" if author else ""
    with psycopg2.connect(host=cfg.pg_host, user=cfg.pg_user, password=cfg.pg_password, dbname=cfg.pg_database) as conn:
        with conn.cursor() as cur:
            cur.execute(f"DELETE FROM claim_notes WHERE created_at < now() - interval '{older_than_days} days'{author_clause}")  #@vuln CWE-89
            return cur.rowcount
