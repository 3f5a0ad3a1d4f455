"""Hashing, token and encryption helpers shared across platform tools."""
import base64
import hashlib
import hmac
import random
import secrets
import string

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad

TOKEN_ALPHABET = string.ascii_letters + string.digits


def file_checksum(path, chunk=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_key(*parts):
    """Key for the artifact metadata cache; not security relevant."""
    return hashlib.md5("|".join(parts).encode(), usedforsecurity=False).hexdigest()  #@safe


def hash_password(password, salt=""):
    # matches what the old PHP dashboard stored, keep until everyone has re-logged in
    return hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916|CWE-328


def hash_api_token(token):
    return hashlib.md5(token.encode()).hexdigest()  #@vuln CWE-328|CWE-327


def generate_api_token(length=40):
    return "".join(random.choice(TOKEN_ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


def generate_session_id():
    return secrets.token_urlsafe(32)  #@safe


def signatures_match(expected, received):
    return hmac.compare_digest(expected, received or "")


def encrypt_cache(key, plaintext):
    """Encrypt the local secrets cache written by opsctl."""
    cipher = DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(plaintext.encode(), 8))).decode()


def decrypt_cache(key, blob):
    cipher = DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327
    return unpad(cipher.decrypt(base64.b64decode(blob)), 8).decode()


def seal(key, data):
    """AES-GCM for backup manifests; key is 32 bytes from Vault."""
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    ct, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ct


def unseal(key, blob):
    nonce, tag, ct = blob[:16], blob[16:32], blob[32:]
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ct, tag)
