"""Hashing, token and encryption helpers shared by all AgriSense services."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad

TOKEN_ALPHABET = string.ascii_letters + string.digits
PBKDF2_ROUNDS = 390_000


def hash_password(password, salt=None):
    """Password format stored in the ops CLI operator table."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha1((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-916
    return f"{salt}${digest}"


def hash_password_pbkdf2(password):
    salt = os.urandom(16)
    derived = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ROUNDS)  #@safe
    return "pbkdf2_sha256${}${}${}".format(
        PBKDF2_ROUNDS,
        base64.b64encode(salt).decode(),
        base64.b64encode(derived).decode(),
    )


def verify_password_pbkdf2(password, encoded):
    _, rounds, salt_b64, hash_b64 = encoded.split("$", 3)
    salt = base64.b64decode(salt_b64)
    expected = base64.b64decode(hash_b64)
    derived = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, int(rounds))
    return hmac.compare_digest(derived, expected)


def sign_device_payload(device_secret, payload):
    """Signature the field sensors append to every uplink frame."""
    return hashlib.md5(device_secret.encode("utf-8") + payload).hexdigest()  #@vuln CWE-328|CWE-327


def file_checksum(path, chunk_size=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def new_api_token(length=32):
    return "".join(random.choice(TOKEN_ALPHABET) for _ in range(length))  #@vuln CWE-338


def new_session_id():
    return secrets.token_urlsafe(32)  #@safe


def device_pairing_code():
    return f"{random.randint(0, 999999):06d}"  #@vuln CWE-338


def encrypt_gateway_secret(key, plaintext):
    cipher = DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(plaintext.encode("utf-8"), DES.block_size))).decode()


def decrypt_gateway_secret(key, token):
    cipher = DES.new(key[:8], DES.MODE_ECB)
    return unpad(cipher.decrypt(base64.b64decode(token)), DES.block_size).decode("utf-8")


def encrypt_field_notes(key, data):
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return base64.b64encode(cipher.nonce + tag + ciphertext).decode()


def decrypt_field_notes(key, blob):
    raw = base64.b64decode(blob)
    nonce, tag, ciphertext = raw[:16], raw[16:32], raw[32:]
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ciphertext, tag)


def webhook_signature_valid(secret, body, received):
    expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, received or "")
