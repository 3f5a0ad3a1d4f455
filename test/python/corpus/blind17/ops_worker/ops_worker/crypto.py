import hashlib
import os

from Crypto.Cipher import AES, DES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad, unpad


def _legacy_key() -> bytes:
    return os.environ["OPS_LEGACY_KEY"].encode()[:8]


def decrypt_legacy_blob(blob: bytes) -> bytes:
    cipher = DES.new(_legacy_key(), DES.MODE_ECB)  #@vuln CWE-327
    return unpad(cipher.decrypt(blob), DES.block_size)


def encrypt_export(data: bytes, key: bytes) -> bytes:
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(pad(data, AES.block_size))


def seal(data: bytes, key: bytes) -> bytes:
    nonce = get_random_bytes(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return nonce + tag + ciphertext


def file_checksum(path: str) -> str:
    digest = hashlib.md5(usedforsecurity=False)  #@safe
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_operator_pin(pin: str, salt: bytes) -> str:
    return hashlib.sha1(salt + pin.encode()).hexdigest()  #@vuln CWE-327|CWE-328


def hash_operator_pin_v2(pin: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 600_000).hex()  #@safe
