import os


class BaseConfig:
    SECRET_KEY = os.environ.get("PORTAL_SECRET_KEY", "")
    DATABASE = os.environ.get("PORTAL_DB", "/srv/portal/portal.db")
    UPLOAD_DIR = "/srv/portal/uploads"
    REPORT_DIR = "/srv/portal/reports"
    FIELD_KEY = os.environ.get("PORTAL_FIELD_KEY", "").encode()
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = True
    MAX_CONTENT_LENGTH = 50 * 1024 * 1024


class ProductionConfig(BaseConfig):
    DEBUG = False
    TESTING = False
