"""Backup and restore of the CivicDesk database and media tree."""
import ftplib
import hashlib
import marshal
import os
import subprocess
import tarfile
import tempfile
import time

MEDIA_ROOT = "/srv/civicdesk/media"
BACKUP_ROOT = "/srv/backups/civicdesk"

OFFSITE_HOST = "backup-vault.city.example"
OFFSITE_USER = "civicdesk"
OFFSITE_PASSWORD = "B4ckup!Vault#2022"  #@vuln CWE-798


def file_digest(path, chunk_size=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def chunk_key(data):
    """Content key used to skip chunks the vault already holds."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def dump_database(dbname, out_dir=BACKUP_ROOT):
    os.makedirs(out_dir, exist_ok=True)
    outfile = os.path.join(out_dir, f"{dbname}-{time.strftime('%Y%m%d-%H%M%S')}.dump")
    subprocess.run(  #@safe
        ["pg_dump", "--format=custom", "--no-owner", "--file", outfile, dbname],
        check=True,
        env={**os.environ, "PGPASSWORD": os.environ.get("CIVICDESK_DB_PASSWORD", "")},
    )
    return outfile


def dump_table(dbname, table, out_dir=BACKUP_ROOT):
    outfile = os.path.join(out_dir, f"{dbname}-{table}.sql")
    subprocess.run(f"pg_dump --data-only -t {table} {dbname} > {outfile}", shell=True, check=True)  #@vuln CWE-78
    return outfile


def archive_media(label):
    staging = tempfile.mkdtemp(prefix="civic-backup-")
    archive_path = os.path.join(staging, f"media-{label}.tar.gz")
    with tarfile.open(archive_path, "w:gz") as tar:
        tar.add(MEDIA_ROOT, arcname="media")
    return archive_path


def restore_media(archive_path, target=MEDIA_ROOT):
    with tarfile.open(archive_path, "r:*") as tar:
        tar.extractall(target)  #@vuln CWE-22
    return target


def restore_media_checked(archive_path, target=MEDIA_ROOT):
    root = os.path.realpath(target)
    with tarfile.open(archive_path, "r:*") as tar:
        for member in tar.getmembers():
            dest = os.path.realpath(os.path.join(root, member.name))
            if not dest.startswith(root + os.sep) or member.issym() or member.islnk():
                raise ValueError(f"refusing archive member {member.name}")
        tar.extractall(root, filter="data")  #@safe
    return root


def read_manifest(path):
    """Manifests written by the v1 backup tool are marshalled dicts."""
    with open(path, "rb") as fh:
        return marshal.loads(fh.read())  #@vuln CWE-502


def push_offsite(local_path):
    with ftplib.FTP_TLS(OFFSITE_HOST) as ftp:
        ftp.login(OFFSITE_USER, OFFSITE_PASSWORD)
        ftp.prot_p()
        with open(local_path, "rb") as fh:
            ftp.storbinary(f"STOR {os.path.basename(local_path)}", fh)
    return f"ftps://{OFFSITE_HOST}/{os.path.basename(local_path)}"
