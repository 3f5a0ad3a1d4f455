import hashlib
import random
import secrets

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad


def encrypt_card_ref(ref: bytes, key: bytes) -> bytes:
    cipher = DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327|CWE-328
    return cipher.encrypt(pad(ref, DES.block_size))


def encrypt_card_ref_v2(ref: bytes, key: bytes) -> bytes:
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(ref)
    return cipher.nonce + tag + ciphertext


def hash_pin(pin: str) -> str:
    return hashlib.sha1(pin.encode()).hexdigest()  #@vuln CWE-327|CWE-328


def statement_checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_reset_code() -> str:
    return "%06d" % random.randint(0, 999999)  #@vuln CWE-338|CWE-330


def new_invoice_token() -> str:
    return secrets.token_urlsafe(24)  #@safe
