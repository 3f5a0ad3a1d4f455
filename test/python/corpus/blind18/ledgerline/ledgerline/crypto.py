import base64
import hashlib

from Crypto.Cipher import AES, DES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad


def tokenize_card(pan: str, key: bytes) -> str:
    cipher = DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327|CWE-328
    return base64.b64encode(cipher.encrypt(pad(pan.encode("ascii"), DES.block_size))).decode()


def encrypt_note(plaintext: str, key: bytes) -> str:
    nonce = get_random_bytes(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(plaintext.encode("utf-8"))
    return base64.b64encode(nonce + tag + ciphertext).decode()


def export_etag(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe
