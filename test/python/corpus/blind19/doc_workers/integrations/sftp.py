import csv
import io
import logging
import os
import posixpath

import paramiko

log = logging.getLogger(__name__)


class BrokerSftp:
    def __init__(self, host: str, username: str, password: str, port: int = 22) -> None:
        self._ssh = paramiko.SSHClient()
        self._ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())  #@vuln CWE-295
        self._ssh.connect(host, port=port, username=username, password=password, timeout=30)
        self.sftp = self._ssh.open_sftp()

    def close(self) -> None:
        self.sftp.close()
        self._ssh.close()

    def read_manifest(self, remote_dir: str) -> list[dict]:
        with self.sftp.open(posixpath.join(remote_dir, "manifest.csv")) as fh:
            return list(csv.DictReader(io.StringIO(fh.read().decode("utf-8"))))

    def fetch_batch(self, remote_dir: str, local_dir: str) -> list[str]:
        fetched = []
        for entry in self.read_manifest(remote_dir):
            local_path = os.path.join(local_dir, entry["target_name"])
            self.sftp.get(posixpath.join(remote_dir, entry["file"]), local_path)  #@vuln CWE-22
            fetched.append(local_path)
        log.info("fetched %d files from %s", len(fetched), remote_dir)
        return fetched
