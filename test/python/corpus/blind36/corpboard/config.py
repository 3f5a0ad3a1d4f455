import os

BASE_DIR = os.path.abspath(os.path.dirname(__file__))


class Config:
    SECRET_KEY = os.environ.get("BOARD_SECRET_KEY", "corpboard-dev-2f9c1a77e0b4")  #@vuln CWE-798
    DATABASE = os.environ.get("BOARD_DB", os.path.join(BASE_DIR, "instance", "board.db"))
    UPLOAD_DIR = os.environ.get("BOARD_UPLOADS", os.path.join(BASE_DIR, "uploads"))
    LOG_DIR = os.environ.get("BOARD_LOGS", "/var/log/corpboard")
    BACKUP_DIR = os.environ.get("BOARD_BACKUPS", "/var/backups/corpboard")

    JWT_SECRET = "corpboard-jwt-signing-key-v1"  #@vuln CWE-798
    JWT_TTL = 30 * 24 * 3600

    LDAP_URL = os.environ.get("BOARD_LDAP_URL", "ldaps://ldap.corp.example")
    LDAP_BASE = "ou=people,dc=corp,dc=example"
    LDAP_BIND_DN = "cn=corpboard,ou=services,dc=corp,dc=example"
    LDAP_BIND_PASSWORD = os.environ.get("BOARD_LDAP_PASSWORD", "")

    EXPORT_KEY = os.environ.get("BOARD_EXPORT_KEY", "").encode()
    PARTNER_WEBHOOK = os.environ.get("BOARD_PARTNER_WEBHOOK", "https://partners.corp.example/hooks/board")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
