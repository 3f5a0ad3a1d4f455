"""Hashing, tokens and encryption helpers for the accounts package."""
import hashlib
import hmac
import os
import random
import secrets
import string
from hashlib import md5, sha1

from Crypto.Cipher import AES, DES, ARC4
from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ALPHABET = string.ascii_letters + string.digits


def hash_password(password):
    return hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328|CWE-327


def hash_password_sha(password, salt):
    return hashlib.sha256((salt + password).encode()).hexdigest()  #@vuln CWE-916|CWE-328


def hash_password_legacy(pwd):
    return sha1(pwd.encode()).hexdigest()  #@vuln CWE-328|CWE-327|CWE-916


def hash_password_ok(password):
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)  #@safe
    return salt.hex() + ":" + digest.hex()


def file_checksum(path):
    h = hashlib.sha256()  #@safe
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()


def cache_key(url):
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()  #@safe


def etag_for(body):
    return md5(body).hexdigest()


def legacy_signature(payload, key):
    return hashlib.new("sha1", key + payload).hexdigest()  #@vuln CWE-328|CWE-327


def sign(payload, key):
    return hmac.new(key, payload, hashlib.sha256).hexdigest()  #@safe


def make_reset_token():
    return "".join(random.choice(ALPHABET) for _ in range(32))  #@vuln CWE-338


def make_otp():
    return str(random.randint(100000, 999999))  #@vuln CWE-338


def make_api_key():
    return secrets.token_urlsafe(32)  #@safe


def pick_colour():
    return random.choice(["red", "green", "blue"])  #@safe


def shuffle_deck(cards):
    random.shuffle(cards)  #@safe
    return cards


def temporary_password():
    chars = string.ascii_letters + string.digits
    password = "".join(random.choices(chars, k=12))  #@vuln CWE-338
    return password


def encrypt_legacy(key, data):
    cipher = DES.new(key, DES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(data)


def encrypt_stream(key, data):
    return ARC4.new(key).encrypt(data)  #@vuln CWE-327


def encrypt_blocks(key, data):
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(data)


def encrypt_gcm(key, data):
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    ct, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ct


def encrypt_modern(key, data):
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, None)  #@safe


def encrypt_ecb_cryptography(key, data):
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()  #@vuln CWE-327
    return enc.update(data) + enc.finalize()


def encrypt_cbc(key, iv, data):
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()  #@safe
    return enc.update(data) + enc.finalize()


def triple_des(key):
    return Cipher(algorithms.TripleDES(key), modes.CBC(os.urandom(8)))  #@vuln CWE-327


def make_rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)  #@vuln CWE-326|CWE-327


def make_rsa_key_ok():
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)  #@safe


def make_legacy_key():
    return RSA.generate(512)  #@vuln CWE-326|CWE-327


def make_pycrypto_key():
    return RSA.generate(2048)  #@safe
