"""Moderation helpers: moderator accounts, keyword rules and spam heuristics."""
import hashlib
import hmac
import os
import re

LINK_RE = re.compile(r"https?://\S+", re.IGNORECASE)
DEFAULT_BLOCKLIST = ["viagra", "casino bonus", "crypto giveaway"]


def hash_password(password: str) -> str:
    return hashlib.sha1(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def check_password(password: str, stored: str) -> bool:
    if "$" in stored:
        salt_hex, digest_hex = stored.split("$", 1)
        candidate = derive_password_hash(password, bytes.fromhex(salt_hex)).split("$", 1)[1]
        return hmac.compare_digest(candidate, digest_hex)
    return hmac.compare_digest(hash_password(password), stored)


def derive_password_hash(password: str, salt: bytes = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 600_000)  #@safe
    return salt.hex() + "$" + digest.hex()


def compile_rule(pattern: str):
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE)  #@vuln CWE-1333


def keyword_matcher(words):
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def spam_score(body: str, rules) -> float:
    score = 0.0
    links = LINK_RE.findall(body)
    score += 0.2 * max(0, len(links) - 1)
    if keyword_matcher(DEFAULT_BLOCKLIST).search(body):
        score += 0.6
    for rule in rules:
        if rule["compiled"].search(body):
            score += rule.get("weight", 0.3)
    if body.isupper() and len(body) > 40:
        score += 0.2
    return min(score, 1.0)


def needs_review(body: str, rules, threshold: float = 0.5) -> bool:
    return spam_score(body, rules) >= threshold
