"""Delivery of production volumes to opposing counsel and vendors."""
from __future__ import annotations

import ftplib
import os
import ssl
import struct
from pathlib import Path
from typing import Optional

import paramiko
from Crypto.Cipher import AES, DES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad

from lexvault.common.security import derive_export_key
from lexvault.common.settings import get_settings

settings = get_settings()

DEFAULT_SFTP_PASSWORD = "Pr0duct!ons#2022"  #@vuln CWE-798
MAGIC = b"LVX1"


def open_sftp(host: str, username: str, password: Optional[str] = None, port: int = 22) -> paramiko.SFTPClient:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  #@vuln CWE-295
    client.connect(host, port=port, username=username, password=password or DEFAULT_SFTP_PASSWORD, timeout=30,
                   allow_agent=False, look_for_keys=False)
    return client.open_sftp()


def open_managed_sftp() -> paramiko.SFTPClient:
    client = paramiko.SSHClient()
    client.load_host_keys(settings.sftp_known_hosts)
    client.set_missing_host_key_policy(paramiko.RejectPolicy())  #@safe
    key = paramiko.Ed25519Key.from_private_key_file(os.environ["LEXVAULT_SFTP_KEY_FILE"])
    client.connect(settings.sftp_host, username=settings.sftp_user, pkey=key, timeout=30)
    return client.open_sftp()


def upload_volume(sftp: paramiko.SFTPClient, local_path: Path, remote_dir: str) -> str:
    remote = f"{remote_dir.rstrip('/')}/{local_path.name}"
    sftp.put(str(local_path), remote, confirm=True)
    return remote


def upload_ftps(host: str, user: str, password: str, local_path: Path, remote_dir: str = "/") -> None:
    context = ssl._create_unverified_context()  #@vuln CWE-295
    with ftplib.FTP_TLS(host, context=context, timeout=60) as ftp:
        ftp.login(user, password)
        ftp.prot_p()
        ftp.cwd(remote_dir)
        with open(local_path, "rb") as fh:
            ftp.storbinary(f"STOR {local_path.name}", fh)


def encrypt_volume(path: Path, passphrase: str) -> Path:
    salt = get_random_bytes(16)
    key = derive_export_key(passphrase, salt)
    nonce = get_random_bytes(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(path.read_bytes())
    out = path.with_suffix(path.suffix + ".lvx")
    out.write_bytes(MAGIC + salt + nonce + tag + ciphertext)
    return out


def encrypt_volume_compat(path: Path, passphrase: str) -> Path:
    """Format accepted by the opposing side's older review platform."""
    salt = get_random_bytes(16)
    key = derive_export_key(passphrase, salt)
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    data = path.read_bytes()
    out = path.with_suffix(path.suffix + ".aes")
    out.write_bytes(salt + struct.pack(">Q", len(data)) + cipher.encrypt(pad(data, AES.block_size)))
    return out


def encrypt_volume_des(path: Path, key: bytes) -> Path:
    iv = get_random_bytes(8)
    cipher = DES.new(key[:8], DES.MODE_CBC, iv)  #@vuln CWE-327
    out = path.with_suffix(path.suffix + ".des")
    out.write_bytes(iv + cipher.encrypt(pad(path.read_bytes(), DES.block_size)))
    return out
