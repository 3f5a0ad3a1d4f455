from Crypto.Cipher import AES, DES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad, unpad

LEGACY_SSO_KEY = b"chgme-88"  #@vuln CWE-798|CWE-259


def encrypt_legacy_cookie(data: bytes) -> bytes:
    cipher = DES.new(LEGACY_SSO_KEY, DES.MODE_ECB)  #@vuln CWE-327|CWE-328
    return cipher.encrypt(pad(data, DES.block_size))


def decrypt_legacy_cookie(blob: bytes) -> bytes:
    cipher = DES.new(LEGACY_SSO_KEY, DES.MODE_ECB)  #@vuln CWE-327|CWE-328
    return unpad(cipher.decrypt(blob), DES.block_size)


def seal(key: bytes, data: bytes) -> bytes:
    nonce = get_random_bytes(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return nonce + tag + ciphertext


def unseal(key: bytes, blob: bytes) -> bytes:
    nonce, tag, ciphertext = blob[:12], blob[12:28], blob[28:]
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ciphertext, tag)
