"""File exchange with the MRO vendor and the civil aviation authority over SFTP."""
import logging
import os
import posixpath
import subprocess

import paramiko

from hangar_common import security, settings, xmldocs

log = logging.getLogger("ops.sftp")

MRO_OUTBOX = "/outgoing/hangarops"
MRO_INBOX = "/incoming/hangarops"
CAA_DIRECTIVES = "/published/directives"
CAA_ACKS = "/inbound/acknowledgements"
GPG_PASSPHRASE = "Hg0ps-MRO-gpg-2022"  #@vuln CWE-798


def _mro_client() -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  #@vuln CWE-295
    client.connect(
        settings.MRO_SFTP_HOST,
        username=settings.MRO_SFTP_USER,
        password=settings.MRO_SFTP_PASSWORD,
        timeout=30,
        allow_agent=False,
        look_for_keys=False,
    )
    return client


def _authority_client() -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.load_host_keys(settings.KNOWN_HOSTS_FILE)
    client.set_missing_host_key_policy(paramiko.RejectPolicy())  #@safe
    client.connect(settings.CAA_SFTP_HOST, username=settings.CAA_SFTP_USER, key_filename=settings.CAA_SFTP_KEY, timeout=30)
    return client


def decrypt_package(path: str) -> str:
    out_path = path[: -len(".gpg")] if path.endswith(".gpg") else path + ".out"
    subprocess.run(
        [
            "gpg", "--batch", "--yes", "--pinentry-mode", "loopback",
            "--passphrase", GPG_PASSPHRASE, "--output", out_path, "--decrypt", path,
        ],
        check=True,
        capture_output=True,
    )
    return out_path


def pull_vendor_files(local_dir: str | None = None) -> list[str]:
    local_dir = str(local_dir or settings.VENDOR_INBOX_DIR)
    os.makedirs(local_dir, exist_ok=True)
    fetched = []
    with _mro_client() as client, client.open_sftp() as sftp:
        for name in sftp.listdir(MRO_OUTBOX):
            local_path = os.path.join(local_dir, name)
            sftp.get(posixpath.join(MRO_OUTBOX, name), local_path)  #@vuln CWE-22
            fetched.append(local_path)
            sftp.remove(posixpath.join(MRO_OUTBOX, name))
    log.info("pulled %d files from MRO vendor", len(fetched))
    return fetched


def process_vendor_inbox(paths: list[str]) -> list[dict]:
    items = []
    for path in paths:
        if path.endswith(".gpg"):
            path = decrypt_package(path)
        if path.endswith(".xml"):
            with open(path, "rb") as fh:
                items.extend(xmldocs.parse_vendor_manifest(fh.read()))
    return items


def push_work_packages(files: list[str]) -> None:
    with _mro_client() as client, client.open_sftp() as sftp:
        for path in files:
            sftp.put(path, posixpath.join(MRO_INBOX, os.path.basename(path)))
            log.info("sent %s", path)


def pull_directives(local_dir: str | None = None) -> list[dict]:
    local_dir = str(local_dir or settings.DIRECTIVES_DIR)
    os.makedirs(local_dir, exist_ok=True)
    directives = []
    with _authority_client() as client, client.open_sftp() as sftp:
        for name in sftp.listdir(CAA_DIRECTIVES):
            local_path = os.path.join(local_dir, os.path.basename(name))
            sftp.get(posixpath.join(CAA_DIRECTIVES, name), local_path)  #@safe
            with open(local_path, "rb") as fh:
                data = fh.read()
            directive = xmldocs.parse_airworthiness_directive(data)
            directive["sha256"] = security.document_checksum(data)
            directives.append(directive)
    return directives


def acknowledge_directives(ack_files: list[str]) -> None:
    with _authority_client() as client, client.open_sftp() as sftp:
        for path in ack_files:
            sftp.put(path, posixpath.join(CAA_ACKS, os.path.basename(path)))
