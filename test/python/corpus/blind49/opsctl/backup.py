"""Backup jobs: tar up directories / DB dumps, push to S3, restore on demand."""
import datetime as dt
import logging
import os
import pickle
import subprocess
import tarfile
import tempfile

import boto3

from platform_common import config, security
from opsctl import vault

log = logging.getLogger(__name__)

s3 = boto3.client("s3", region_name=config.REGION)


def _stamp():
    return dt.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")


def backup_dirs(name, paths):
    with tempfile.TemporaryDirectory(prefix="opsctl-backup-") as tmp:
        archive = os.path.join(tmp, f"{name}-{_stamp()}.tar.gz")
        with tarfile.open(archive, "w:gz") as tar:
            for p in paths:
                tar.add(p, arcname=os.path.basename(p.rstrip("/")))
        key = f"dirs/{name}/{os.path.basename(archive)}"
        s3.upload_file(archive, config.BACKUP_BUCKET, key, ExtraArgs={"ServerSideEncryption": "aws:kms"})
        manifest = {"name": name, "paths": paths, "sha256": security.file_checksum(archive), "key": key}
        s3.put_object(Bucket=config.BACKUP_BUCKET, Key=f"{key}.manifest", Body=security.seal(vault.backup_key(), pickle.dumps(manifest)))
    return key


def dump_database(db_name, host):
    out = tempfile.NamedTemporaryFile(prefix="pgdump-", suffix=".sql.gz", delete=False)  #@safe
    subprocess.run(f"pg_dump -h {host} -U backup {db_name} | gzip > {out.name}", shell=True, check=True)  #@vuln CWE-78
    return out.name


def dump_database_safe(db_name, host):
    fd, path = tempfile.mkstemp(suffix=".dump")
    with os.fdopen(fd, "wb") as fh:
        subprocess.run(["pg_dump", "-Fc", "-h", host, "-U", "backup", db_name], stdout=fh, check=True)  #@safe
    return path


def read_manifest(key):
    blob = s3.get_object(Bucket=config.BACKUP_BUCKET, Key=f"{key}.manifest")["Body"].read()
    return pickle.loads(security.unseal(vault.backup_key(), blob))  #@safe


def read_legacy_manifest(path):
    """Pre-2022 backups wrote an unsigned pickle next to the tarball."""
    with open(path, "rb") as fh:
        return pickle.load(fh)  #@vuln CWE-502


def download(key, dest_dir=config.RESTORE_DIR):
    target = os.path.join(dest_dir, key)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    s3.download_file(config.BACKUP_BUCKET, key, target)  #@vuln CWE-22
    return target


def restore(archive_path, dest):
    with tarfile.open(archive_path) as tar:
        tar.extractall(dest)  #@vuln CWE-22


def restore_checked(archive_path, dest):
    dest = os.path.realpath(dest)
    with tarfile.open(archive_path) as tar:
        members = []
        for m in tar.getmembers():
            target = os.path.realpath(os.path.join(dest, m.name))
            if not target.startswith(dest + os.sep) or m.issym() or m.islnk() or m.isdev():
                log.warning("skipping suspicious member %s", m.name)
                continue
            members.append(m)
        tar.extractall(dest, members=members)  #@safe


def restore_single(archive_path, member_name, dest):
    with tarfile.open(archive_path) as tar:
        member = tar.getmember(member_name)
        out_path = os.path.join(dest, member.name)
        with tar.extractfile(member) as src, open(out_path, "wb") as dst:  #@vuln CWE-22
            dst.write(src.read())
    return out_path

