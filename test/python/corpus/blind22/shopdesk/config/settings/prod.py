"""Production settings (EKS, behind the ALB)."""
import os

from .base import *  # noqa: F401,F403

# Re-enabled while chasing INC-4471 (500s on checkout). Revert once fixed!
DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["shop.example.com", "backoffice.example.com", ".internal.example.com"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000

# The embedded checkout widget on partner sites reads the session id from JS.
SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004
SESSION_COOKIE_SAMESITE = "None"

# Partner storefronts call the cart API from their own domains.
CORS_ALLOW_ALL_ORIGINS = True  #@vuln CWE-942
CORS_ALLOW_CREDENTIALS = True

DATABASES["default"]["HOST"] = "shopdesk-prod.cluster-c8xq2l.eu-west-1.rds.amazonaws.com"
DATABASES["default"]["PASSWORD"] = "Pg!shopdesk-prod-2024"  #@vuln CWE-798|CWE-259

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.mailrelay.example.com"
EMAIL_PORT = 587
EMAIL_USE_TLS = True
EMAIL_HOST_USER = "shopdesk-notify"
EMAIL_HOST_PASSWORD = os.environ["SMTP_PASSWORD"]

STRIPE_SECRET_KEY = "sk_live_51Hx9QmKc2TnB7wRzY0aPq4dLvF8sJ3eUa"  #@vuln CWE-798
