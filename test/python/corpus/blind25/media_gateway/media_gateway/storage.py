"""Local disk + S3 storage for the media gateway."""
import base64
import hashlib
import os
import zipfile
from pathlib import Path

import boto3
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", "/srv/media")).resolve()
LINK_KEY = bytes.fromhex(os.environ["MEDIA_LINK_KEY"])  # 32 bytes, provisioned by the deploy pipeline
BUCKET = os.getenv("MEDIA_BUCKET", "media-gateway-prod")

s3 = boto3.client("s3", region_name="eu-west-1", aws_access_key_id="AKIAQ3EGT5XJ7MKP2WLN", aws_secret_access_key="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")  #@vuln CWE-798


def tenant_root(tenant: str) -> Path:
    folder = MEDIA_ROOT / tenant
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_upload(tenant: str, filename: str, data: bytes) -> Path:
    path = os.path.join(tenant_root(tenant), filename)
    with open(path, "wb") as fh:  #@vuln CWE-22
        fh.write(data)
    return Path(path)


def resolve_media_path(tenant: str, relative: str) -> Path:
    base = tenant_root(tenant).resolve()
    candidate = (base / relative).resolve()
    if not candidate.is_relative_to(base):
        raise PermissionError(relative)
    return candidate


def read_media(tenant: str, relative: str) -> bytes:
    return resolve_media_path(tenant, relative).read_bytes()  #@safe


def extract_bundle(tenant: str, archive: Path) -> list[str]:
    dest = tenant_root(tenant) / "bundles" / archive.stem
    names: list[str] = []
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = dest / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(info))  #@vuln CWE-22
            names.append(info.filename)
    return names


def push_to_s3(tenant: str, path: Path) -> str:
    key = f"{tenant}/{path.name}"
    s3.upload_file(str(path), BUCKET, key)
    return key


def make_download_token(tenant: str, key: str, expires: int) -> str:
    padder = padding.PKCS7(128).padder()
    data = padder.update(f"{tenant}|{key}|{expires}".encode()) + padder.finalize()
    encryptor = Cipher(algorithms.AES(LINK_KEY), modes.ECB()).encryptor()  #@vuln CWE-327
    return base64.urlsafe_b64encode(encryptor.update(data) + encryptor.finalize()).decode()


def seal_share_token(payload: bytes) -> str:
    nonce = os.urandom(12)
    return base64.urlsafe_b64encode(nonce + AESGCM(LINK_KEY).encrypt(nonce, payload, b"share")).decode()  #@safe


def open_share_token(token: str) -> bytes:
    raw = base64.urlsafe_b64decode(token.encode())
    return AESGCM(LINK_KEY).decrypt(raw[:12], raw[12:], b"share")


def legacy_signature(path: str, expires: int) -> str:
    return hashlib.sha1(f"{LINK_KEY.hex()}:{path}:{expires}".encode()).hexdigest()  #@vuln CWE-328|CWE-327


def etag_for(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe
