import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "k3v9-2hq!xw7@p0z_8m4rt^y6bn1c5d"  #@vuln CWE-798|CWE-259

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "shop",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "Sh0pDbPass2024",  #@vuln CWE-798|CWE-259
        "HOST": "db.internal",
    }
}

SESSION_COOKIE_SECURE = False  #@vuln CWE-614
CSRF_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  #@vuln CWE-916|CWE-328|CWE-327
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "mailer-Pa55word")  #@vuln CWE-798|CWE-259
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY")  #@safe
