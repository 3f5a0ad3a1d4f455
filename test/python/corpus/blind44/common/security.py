"""Tokens, hashing and field encryption helpers used across LearnHub services."""
import base64
import hashlib
import os
import random
import secrets
import string

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad

from common.config import settings

_INVITE_ALPHABET = string.ascii_uppercase + string.digits
_LEGACY_DES_KEY = b"Lh!2019k"  #@vuln CWE-798
PBKDF2_ITERATIONS = 390000


def make_course_invite_code(length=8):
    """Codes instructors hand out so students can self-enrol in a private course."""
    return "".join(random.choice(_INVITE_ALPHABET) for _ in range(length))  #@vuln CWE-338


def make_password_reset_token():
    return "%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330


def make_api_token():
    return secrets.token_urlsafe(32)  #@safe


def hash_password_legacy(password, salt):
    """Moodle 1.9 imports: keep old hashes verifiable until the user logs in again."""
    return hashlib.sha1((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def hash_password(password, salt=None):
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ITERATIONS)  #@safe
    return "pbkdf2_sha256$%d$%s$%s" % (PBKDF2_ITERATIONS, base64.b64encode(salt).decode(), base64.b64encode(digest).decode())


def certificate_signature(cert_uuid, student_id, course_key):
    """Printed on PDF certificates and checked by the public /verify page."""
    payload = f"{cert_uuid}:{student_id}:{course_key}:{settings.certificate_secret}"
    return hashlib.md5(payload.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


def content_fingerprint(data):
    """De-duplicates uploaded course assets in the media store."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def encrypt_legacy_field(value):
    """National-ID fields for the old SIS bridge, which only understands DES."""
    cipher = DES.new(_LEGACY_DES_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(value.encode("utf-8"), DES.block_size))).decode()


def _field_key():
    return base64.b64decode(os.environ["LEARNHUB_FIELD_KEY"])


def encrypt_field(value):
    cipher = AES.new(_field_key(), AES.MODE_GCM)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(value.encode("utf-8"))
    return base64.b64encode(cipher.nonce + tag + ciphertext).decode()


def decrypt_field(blob):
    raw = base64.b64decode(blob)
    nonce, tag, ciphertext = raw[:16], raw[16:32], raw[32:]
    cipher = AES.new(_field_key(), AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ciphertext, tag).decode("utf-8")

