"""Local development settings (docker compose)."""
from .base import *  # noqa: F401,F403

DEBUG = True  #@safe

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

# runserver speaks plain http
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

CORS_ALLOWED_ORIGINS = ["http://localhost:5173"]
CORS_ALLOW_CREDENTIALS = True

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
INTERNAL_IPS = ["127.0.0.1"]
