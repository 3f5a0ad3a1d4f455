"""Small crypto helpers. Keys themselves come from vault (see common.http.vault_read)."""
import base64
import hashlib
import hmac
import random
import secrets
import string

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad, unpad

PASSWORD_ALPHABET = string.ascii_letters + string.digits + "-_.!"


def generate_password(length=24):
    """Used for DB users and service accounts created by the operator and the CLI."""
    return "".join(random.choice(PASSWORD_ALPHABET) for _ in range(length))  #@vuln CWE-338


def api_token(nbytes=32):
    return secrets.token_urlsafe(nbytes)  #@safe


def file_md5(path, chunk=1 << 20):
    """S3 single-part ETags are plain MD5; used to skip re-uploading unchanged files."""
    digest = hashlib.md5(usedforsecurity=False)  #@safe
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def encrypt_field(key, plaintext):
    """Encrypt values kept in the state bucket (SSH passphrases, vendor tokens)."""
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(plaintext.encode(), AES.block_size))).decode()


def decrypt_field(key, blob):
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return unpad(cipher.decrypt(base64.b64decode(blob)), AES.block_size).decode()


def sign(key, body):
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def verify(key, body, signature):
    return hmac.compare_digest(sign(key, body), signature or "")
