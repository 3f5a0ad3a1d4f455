import hashlib
import hmac
import random
import secrets
import string
import time
from Crypto.Cipher import AES, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives import hashes


def hash_password(password, salt):
    return hashlib.md5((salt + password).encode()).hexdigest()  #@vuln CWE-916|CWE-328|CWE-327


def legacy_hash(pw):
    h = hashlib.new("sha1")  #@vuln CWE-327|CWE-328
    h.update(pw.encode())  #@vuln CWE-916|CWE-328|CWE-327
    return h.hexdigest()


def sign_request(body: bytes, key: bytes) -> str:
    return hmac.new(key, body, hashlib.md5).hexdigest()  #@vuln CWE-327|CWE-328


def file_etag(path):
    with open(path, "rb") as fh:
        return hashlib.md5(fh.read(), usedforsecurity=False).hexdigest()  #@safe


def cache_key(url):
    return hashlib.sha256(url.encode()).hexdigest()  #@safe


def generate_reset_token():
    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(32))  #@vuln CWE-338|CWE-330


def make_otp():
    otp = random.randint(100000, 999999)  #@vuln CWE-338|CWE-330
    return str(otp)


def new_api_key():
    return "%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330


def pick_banner(banners):
    return random.choice(banners)  #@safe


def shuffle_questions(questions):
    random.shuffle(questions)  #@safe
    return questions


def retry_delay(attempt):
    return min(30, 2 ** attempt) + random.random()  #@safe


def session_id():
    return secrets.token_hex(16)  #@safe


def generate_password(length=12):
    rng = random.SystemRandom()
    return "".join(rng.choice(string.ascii_letters) for _ in range(length))  #@safe


def encrypt_legacy(key, data):
    cipher = DES.new(key, DES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(data)


def encrypt_blob(key, data):
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(data)


def encrypt_gcm(key, data):
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    return cipher.encrypt_and_digest(data)


def encrypt_cryptography(key, data):
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()  #@vuln CWE-327
    return enc.update(data) + enc.finalize()


def encrypt_3des(key, iv, data):
    enc = Cipher(algorithms.TripleDES(key), modes.CBC(iv)).encryptor()  #@vuln CWE-327
    return enc.update(data)


def derive(password: bytes, salt: bytes):
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=100)  #@vuln CWE-916
    return kdf.derive(password)


def derive_ok(password: bytes, salt: bytes):
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600_000)  #@safe
    return kdf.derive(password)


def derive_hashlib(password: str, salt: bytes):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)  #@vuln CWE-916
