"""paramiko wrappers for ad-hoc remote work (used by deploy/cli.py)."""
import logging
import os
import posixpath
import shlex

import paramiko

log = logging.getLogger(__name__)

JUMP_HOST = "bastion.corp.internal"
JUMP_USER = "jump"
OPS_KEY = os.path.expanduser("~/.ssh/ops_ed25519")


def _client():
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    return client


class RemoteHost:
    def __init__(self, host, user="ops", port=22, key_filename=None, via_jump=True):
        self.host = host
        self._jump = None
        sock = None
        if via_jump:
            self._jump = _client()
            self._jump.connect(JUMP_HOST, username=JUMP_USER, key_filename=OPS_KEY, timeout=10)
            sock = self._jump.get_transport().open_channel("direct-tcpip", (host, port), ("127.0.0.1", 0))
        self.client = _client()
        self.client.connect(host, port=port, username=user, key_filename=key_filename or OPS_KEY, sock=sock, timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.client.close()
        if self._jump:
            self._jump.close()

    def exec(self, command, timeout=120):
        log.info("[%s] %s", self.host, command)
        _, stdout, stderr = self.client.exec_command(command, timeout=timeout)  #@vuln CWE-78
        status = stdout.channel.recv_exit_status()
        return status, stdout.read().decode(), stderr.read().decode()

    def exec_argv(self, argv, timeout=120):
        _, stdout, stderr = self.client.exec_command(shlex.join(argv), timeout=timeout)  #@safe
        status = stdout.channel.recv_exit_status()
        return status, stdout.read().decode(), stderr.read().decode()

    def fetch_bundle(self, remote_dir, local_dir):
        """Download every file listed in <remote_dir>/MANIFEST into local_dir."""
        sftp = self.client.open_sftp()
        try:
            with sftp.open(posixpath.join(remote_dir, "MANIFEST")) as fh:
                entries = [line.strip() for line in fh.read().decode().splitlines() if line.strip()]
            for rel in entries:
                local_path = os.path.join(local_dir, rel)
                os.makedirs(os.path.dirname(local_path), exist_ok=True)
                sftp.get(posixpath.join(remote_dir, rel), local_path)  #@vuln CWE-22
        finally:
            sftp.close()
        return entries


def switch_session(mgmt_ip):
    """Legacy ToR switches only support password auth for the netops user."""
    client = _client()
    client.connect(mgmt_ip, username="netops", password="Sw1tch!Mgmt#7", look_for_keys=False, allow_agent=False, timeout=10)  #@vuln CWE-798
    return client
