#!/usr/bin/env python3
"""maintenance_cli - backup/restore helper run by operators and by the nightly cron job.

usage:
  maintenance_cli.py backup <db-name> <label>
  maintenance_cli.py restore <archive>
  maintenance_cli.py report <template-file>
  maintenance_cli.py cache-load <cache-file>
"""
import getpass
import os
import random
import shelve
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile

import requests
import yaml
from jinja2 import Environment, FileSystemLoader, Template

BACKUP_DIR = "/var/backups/app"
STATUS_WEBHOOK = os.environ.get("STATUS_WEBHOOK", "")
DB_ADMIN_PASSWORD = "Backup!Admin#2024"  #@vuln CWE-798|CWE-259
S3_SECRET = os.getenv("BACKUP_S3_SECRET")  #@safe


def backup(db_name: str, label: str) -> str:
    out = os.path.join(BACKUP_DIR, f"{db_name}-{label}.sql.gz")
    os.system(f"pg_dump {db_name} | gzip > {out}")  #@vuln CWE-78
    return out


def backup_checked(db_name: str, label: str) -> str:
    out = os.path.join(BACKUP_DIR, f"{os.path.basename(db_name)}-{int(time.time())}.sql")
    subprocess.run(["pg_dump", "--file", out, "--", db_name], check=True)  #@safe
    return out


def notify(text: str, url: str = STATUS_WEBHOOK) -> None:
    if url:
        requests.post(url, json={"text": text}, timeout=5, verify=False)  #@vuln CWE-295


def restore_zip(archive: str, dest: str) -> None:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(dest)  #@safe


def restore_tar(archive: str, dest: str) -> None:
    with tarfile.open(archive, "r:gz") as tf:
        for member in tf.getmembers():
            tf.extract(member, dest)  #@vuln CWE-22


def restore_tar_checked(archive: str, dest: str) -> None:
    dest_real = os.path.realpath(dest)
    with tarfile.open(archive, "r:gz") as tf:
        safe = []
        for m in tf.getmembers():
            target = os.path.realpath(os.path.join(dest_real, m.name))
            if os.path.commonpath([dest_real, target]) == dest_real and (m.isfile() or m.isdir()):
                safe.append(m)
        tf.extractall(dest_real, members=safe)  #@safe


def restore_zip_manual(archive: str, dest: str) -> None:
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            out_path = dest + "/" + info.filename
            with zf.open(info) as src, open(out_path, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)


def render_report(template_file: str) -> str:
    env = Environment(loader=FileSystemLoader(os.path.dirname(template_file) or "."), autoescape=True)
    return env.get_template(os.path.basename(template_file)).render(now=time.ctime())


def render_banner() -> str:
    title = input("Banner title: ")
    return Template("== " + title + " ==  generated {{ now }}").render(now=time.ctime())  #@vuln CWE-1336|CWE-94


def load_cache(path: str) -> dict:
    with shelve.open(path) as db:  #@vuln CWE-502
        return dict(db)


def load_settings(path: str) -> dict:
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.FullLoader)  #@vuln CWE-502


def load_settings_safe(path: str) -> dict:
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.SafeLoader)  #@safe


def scratch_dir(label: str) -> str:
    path = "/tmp/maint-" + label + "-" + str(os.getpid())  #@vuln CWE-377
    os.makedirs(path, exist_ok=True)
    return path


def temp_role_password() -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(random.choices(alphabet, k=16))  #@vuln CWE-338|CWE-330


def create_restore_role(db_name: str) -> str:
    password = temp_role_password()
    script = "CREATE ROLE restore_tmp LOGIN PASSWORD :'pw' VALID UNTIL 'tomorrow';\n"
    subprocess.run(["psql", "-d", db_name, "-v", f"pw={password}"], input=script, text=True, check=True)
    return password


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd, *args = argv[1:]
    if cmd == "backup":
        path = backup(args[0], args[1])
        notify(f"backup written to {path}")
    elif cmd == "restore":
        work = scratch_dir("restore")
        if args[0].endswith(".zip"):
            restore_zip(args[0], work)
            restore_zip_manual(args[0], work)
        else:
            restore_tar(args[0], work)
            restore_tar_checked(args[0], work)
    elif cmd == "report":
        print(render_report(args[0]))
        print(render_banner())
    elif cmd == "cache-load":
        print(load_cache(args[0]))
        print(load_settings(args[0] + ".yaml"), load_settings_safe(args[0] + ".yaml"))
    elif cmd == "restore-role":
        if getpass.getpass("admin password: ") != DB_ADMIN_PASSWORD:
            return 1
        print("temporary password:", create_restore_role(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
