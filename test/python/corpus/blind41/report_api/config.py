import os


class Config:
    SECRET_KEY = os.environ["FLASK_SECRET_KEY"]
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "REPORTS_DB_URL",
        "postgresql+psycopg2://reports_rw:Rep0rts!2021@db-reports.internal:5432/reports",  #@vuln CWE-798
    )
    CACHE_DB_PATH = os.environ.get("REPORT_CACHE_DB", "/var/lib/reports/cache.sqlite3")
    REPORT_DIR = os.environ.get("REPORT_DIR", "/var/lib/reports/generated")
    EXPORT_DIR = os.environ.get("EXPORT_DIR", "/var/lib/reports/exports")
    ARCHIVE_DIR = os.environ.get("ARCHIVE_DIR", "/var/lib/reports/archive")
    MAX_EXPORT_ROWS = int(os.environ.get("MAX_EXPORT_ROWS", "250000"))
    PUBLIC_HOST = os.environ.get("PUBLIC_HOST", "reports.example.com")
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True


class TestConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite:///:memory:"
