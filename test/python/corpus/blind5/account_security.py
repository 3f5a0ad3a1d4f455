"""Account security helpers shared by the web app and the CLI tools."""
from __future__ import annotations

import hashlib
import hmac
import os
import random
import secrets
import string
import time
from dataclasses import dataclass

import jwt
from Crypto.Cipher import AES, DES
from Crypto.Random import get_random_bytes
from flask import Blueprint, jsonify, request

bp = Blueprint("account", __name__)

JWT_SIGNING_KEY = "f4c3b00c-prod-jwt-signing-key"  #@vuln CWE-798
API_PEPPER = os.environ.get("API_PEPPER", "").encode()  #@safe
ADMIN_PASSWORD = "Adm1n!2024"  #@vuln CWE-798|CWE-259


@dataclass
class StoredUser:
    username: str
    password_hash: str
    salt: str


def hash_password_legacy(password: str) -> str:
    return hashlib.md5(password.encode()).hexdigest()  #@vuln CWE-327|CWE-328|CWE-916


def hash_password_v2(password: str, salt: str) -> str:
    return hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-327|CWE-328|CWE-916


def hash_password(password: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000).hex()  #@safe


def file_checksum(path: str) -> str:
    digest = hashlib.sha256()  #@safe
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_password(user: StoredUser, candidate: str) -> bool:
    expected = hash_password(candidate, bytes.fromhex(user.salt))
    return hmac.compare_digest(expected, user.password_hash)  #@safe


def make_reset_token(length: int = 24) -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338|CWE-330


def make_otp() -> str:
    return str(random.randint(100000, 999999))  #@vuln CWE-338|CWE-330


def make_session_token() -> str:
    return secrets.token_urlsafe(32)  #@safe


def make_otp_secure() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"  #@safe


def jitter_seconds() -> float:
    # retry back-off jitter, not security relevant
    return random.uniform(0.1, 0.5)  #@safe


def encrypt_card_legacy(pan: str, key: bytes) -> bytes:
    cipher = DES.new(key[:8], DES.MODE_CBC, iv=b"\x00" * 8)  #@vuln CWE-327
    padded = pan.encode().ljust(24, b"\x00")
    return cipher.encrypt(padded)


def encrypt_token_ecb(token: bytes, key: bytes) -> bytes:
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(token.ljust(32, b"\x00"))


def encrypt_token(token: bytes, key: bytes) -> bytes:
    nonce = get_random_bytes(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(token)
    return nonce + tag + ciphertext


def issue_token(username: str) -> str:
    claims = {"sub": username, "iat": int(time.time()), "exp": int(time.time()) + 900}
    return jwt.encode(claims, JWT_SIGNING_KEY, algorithm="HS256")


def read_claims_fast(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def read_claims(token: str) -> dict:
    return jwt.decode(token, os.environ["JWT_PUBLIC_KEY"], algorithms=["RS256"])  #@safe


@bp.route("/account/whoami")
def whoami():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = read_claims_fast(token)
    return jsonify({"user": claims.get("sub")})


@bp.route("/account/admin-login", methods=["POST"])
def admin_login():
    supplied = request.form.get("password", "")
    if supplied == ADMIN_PASSWORD:
        return jsonify({"token": issue_token("admin")})
    return jsonify({"error": "denied"}), 403


@bp.route("/account/reset", methods=["POST"])
def start_reset():
    token = make_reset_token()
    resp = jsonify({"sent": True})
    resp.set_cookie("reset_token", token)  #@vuln CWE-614|CWE-1004
    return resp


@bp.route("/account/session", methods=["POST"])
def start_session():
    resp = jsonify({"ok": True})
    resp.set_cookie("session", make_session_token(), secure=True, httponly=True, samesite="Lax")  #@safe
    return resp
