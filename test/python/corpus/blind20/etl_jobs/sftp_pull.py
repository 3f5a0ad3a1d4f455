import logging
import os
import posixpath

import paramiko

from . import settings

log = logging.getLogger(__name__)


def connect() -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  #@vuln CWE-295
    client.connect(settings.SFTP_HOST, port=settings.SFTP_PORT, username=settings.SFTP_USER,
                   password=settings.SFTP_PASSWORD, timeout=20)
    return client


def list_remote(client: paramiko.SSHClient, remote_dir: str, pattern: str = "*.csv") -> list[str]:
    _, stdout, _ = client.exec_command(f"ls -1 {remote_dir}/{pattern}")  #@vuln CWE-78
    return [line.strip() for line in stdout if line.strip()]


def fetch_files(client: paramiko.SSHClient, remote_paths: list[str], batch_id: str) -> list[str]:
    sftp = client.open_sftp()
    local_dir = os.path.join(settings.STAGING_DIR, "sftp", os.path.basename(batch_id))
    os.makedirs(local_dir, exist_ok=True)
    out = []
    try:
        for remote in remote_paths:
            local = os.path.join(local_dir, posixpath.basename(remote))
            sftp.get(remote, local)  #@safe
            out.append(local)
    finally:
        sftp.close()
    log.info("fetched %d files into %s", len(out), local_dir)
    return out
