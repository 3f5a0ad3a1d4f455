import os
from datetime import timedelta


class BaseConfig:
    SECRET_KEY = os.environ["IDENTITY_SECRET_KEY"]
    BASE_URL = os.environ.get("IDENTITY_BASE_URL", "https://id.acme-corp.com")

    # --- sessions / cookies -------------------------------------------------
    SESSION_COOKIE_NAME = "idsvc_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = False  #@vuln CWE-614
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = False  #@vuln CWE-1004

    WTF_CSRF_ENABLED = True

    # --- tokens ---------------------------------------------------------------
    JWT_ISSUER = "https://id.acme-corp.com"
    JWT_AUDIENCE = "acme-api"
    JWT_PRIVATE_KEY_FILE = os.environ.get("JWT_PRIVATE_KEY_FILE", "/run/secrets/jwt_private.pem")
    JWT_PUBLIC_KEY_FILE = os.environ.get("JWT_PUBLIC_KEY_FILE", "/run/secrets/jwt_public.pem")
    ACCESS_TOKEN_TTL = timedelta(minutes=15)
    REFRESH_TOKEN_TTL = timedelta(days=14)
    RESET_TOKEN_TTL = timedelta(hours=1)
    EMAIL_VERIFY_SALT = "email-verify"
    SECRET_BOX_KEY = os.environ.get("SECRET_BOX_KEY")

    # --- OAuth clients (Authlib) ----------------------------------------------
    GOOGLE_CLIENT_ID = os.environ.get("GOOGLE_CLIENT_ID")
    GOOGLE_CLIENT_SECRET = os.environ.get("GOOGLE_CLIENT_SECRET")
    GITHUB_CLIENT_ID = "Iv1.4f0c2a9be71d3e58"
    GITHUB_CLIENT_SECRET = "3b9e1f7c0a42d6e85f13c9a7b0d2e4f6a8c1b3d5"  #@vuln CWE-798

    # --- LDAP -----------------------------------------------------------------
    LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.acme.local:636")
    LDAP_BASE_DN = "ou=people,dc=corp,dc=acme,dc=local"
    LDAP_GROUP_BASE_DN = "ou=groups,dc=corp,dc=acme,dc=local"
    LDAP_BIND_DN = "cn=svc-idsvc,ou=service,dc=corp,dc=acme,dc=local"
    LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "Svc!dsvc-2022")  #@vuln CWE-798

    # --- SAML -----------------------------------------------------------------
    SAML_ROOT = "/etc/idsvc/saml"

    # --- uploads --------------------------------------------------------------
    AVATAR_ROOT = "/srv/idsvc/avatars"
    QR_TMP_DIR = "/var/tmp/idsvc-qr"
    MAX_CONTENT_LENGTH = 4 * 1024 * 1024

    CORS_ORIGINS = ["https://app.acme-corp.com", "https://admin.acme-corp.com"]

    # first-party apps allowed to use /authorize
    FIRST_PARTY_CLIENTS = {
        "web": {"redirect_uris": ["https://app.acme-corp.com/auth/callback"]},
        "desktop": {"redirect_prefix": "https://desktop.acme-corp.com"},
    }


class ProductionConfig(BaseConfig):
    DEBUG = False


class DevelopmentConfig(BaseConfig):
    DEBUG = True
