"""Account helpers: reset tokens, API keys, SSO assertions and PII encryption."""
import base64
import hashlib
import hmac
import random
import string
from datetime import timedelta

import jwt
from Crypto.Cipher import AES
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from .models import ApiKey, PasswordResetToken

ALPHABET = string.ascii_letters + string.digits
_sysrand = random.SystemRandom()


def issue_password_reset(user, request):
    token = "".join(random.choices(ALPHABET, k=40))  #@vuln CWE-338|CWE-330
    digest = hashlib.sha256(token.encode()).hexdigest()
    PasswordResetToken.objects.create(user=user, token_hash=digest, expires_at=timezone.now() + timedelta(hours=2))
    link = request.build_absolute_uri(reverse("accounts:reset-confirm", args=[token]))
    send_mail("Reset your HR portal password", f"Follow this link within 2 hours: {link}", None, [user.email])
    return token


def issue_api_key(user, label):
    raw = "hrp_" + "".join(_sysrand.choice(ALPHABET) for _ in range(40))  #@safe
    ApiKey.objects.create(user=user, label=label, prefix=raw[:12], digest=_digest_key(raw))
    return raw


def _digest_key(raw):
    return hashlib.md5(raw.encode()).hexdigest()  #@vuln CWE-327|CWE-328


def verify_api_key(raw):
    try:
        key = ApiKey.objects.select_related("user").get(prefix=raw[:12], revoked=False)
    except ApiKey.DoesNotExist:
        return None
    return key.user if hmac.compare_digest(key.digest, _digest_key(raw)) else None


def document_etag(content: bytes) -> str:
    return hashlib.md5(content, usedforsecurity=False).hexdigest()  #@safe


def encrypt_national_id(value: str) -> str:
    key = settings.PII_KEY[:16].encode()
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    padded = value.encode().ljust(32, b"\0")
    return base64.b64encode(cipher.encrypt(padded)).decode()


def encrypt_bank_account(value: str) -> str:
    key = base64.b64decode(settings.PII_KEY_B64)
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(value.encode())
    return base64.b64encode(cipher.nonce + tag + ciphertext).decode()


def decode_sso_assertion(token):
    """Assertion minted by the IdP gateway; 'the gateway already checked it'."""
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return claims["sub"], claims.get("groups", [])


def decode_session_token(token):
    return jwt.decode(token, settings.JWT_SIGNING_KEY, algorithms=["HS256"], audience="hrportal")  #@safe
