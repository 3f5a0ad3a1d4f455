import os


class BaseConfig:
    SECRET_KEY = os.environ.get("UW_SECRET_KEY")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_SAMESITE = "Lax"
    QUOTES_DSN = os.environ.get("UW_QUOTES_DSN", "dbname=quotes host=quotes-db.internal user=uw_tool")
    REPORT_DIR = "/srv/underwriting/reports"
    RATING_HOSTS = ("rating.example-insure.com", "reinsurance-feed.example-insure.com")


class ProductionConfig(BaseConfig):
    DEBUG = True  #@vuln CWE-489|CWE-215
    SECRET_KEY = os.environ.get("UW_SECRET_KEY", "changeme-uw-flask-secret")  #@vuln CWE-798|CWE-259
    PREFERRED_URL_SCHEME = "https"
