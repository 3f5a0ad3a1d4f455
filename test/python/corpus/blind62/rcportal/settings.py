"""Settings for the Research Computing portal.

The active class is chosen by the PORTAL_CONFIG environment variable
(see rcportal.create_app).
"""
import os
from datetime import timedelta


class BaseConfig:
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "PORTAL_DATABASE_URL", "postgresql+psycopg2://rcportal@localhost/rcportal"
    )
    SECRET_KEY = os.environ.get("PORTAL_SECRET_KEY")  #@safe
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True

    # Campus directory
    LDAP_URI = os.environ.get("PORTAL_LDAP_URI", "ldaps://ldap.campus.edu")
    LDAP_PEOPLE_BASE = "ou=people,dc=campus,dc=edu"
    LDAP_GROUP_BASE = "ou=groups,dc=campus,dc=edu"
    LDAP_BIND_DN = "cn=rc-portal,ou=services,dc=campus,dc=edu"
    LDAP_BIND_PASSWORD = os.environ.get("PORTAL_LDAP_BIND_PASSWORD", "")  #@safe
    CAMPUS_CA_BUNDLE = "/etc/pki/tls/certs/campus-ca.pem"

    # Object storage (MinIO cluster in the data centre)
    S3_ENDPOINT = os.environ.get("PORTAL_S3_ENDPOINT", "https://s3.rc.campus.edu")
    S3_ACCESS_KEY = os.environ.get("PORTAL_S3_ACCESS_KEY")
    S3_SECRET_KEY = os.environ.get("PORTAL_S3_SECRET_KEY")
    S3_BUCKET = "rc-datasets"
    PRESIGN_TTL = 3600

    MONGO_URI = os.environ.get("PORTAL_MONGO_URI", "mongodb://localhost:27017")
    MONGO_DB = "rccatalog"

    UPLOAD_ROOT = "/srv/rcportal/uploads"
    THUMBNAIL_ROOT = "/srv/rcportal/thumbnails"
    JOB_OUTPUT_ROOT = "/scratch/portal-jobs"
    MAX_CONTENT_LENGTH = 8 * 1024 ** 3

    ALLOWED_REDIRECT_HOSTS = {"rc.campus.edu", "hub.rc.campus.edu"}
    CORS_ORIGINS = ["https://rc.campus.edu", "https://hub.rc.campus.edu"]

    JOBS_API_URL = os.environ.get("PORTAL_JOBS_API_URL", "http://127.0.0.1:8081")
    JOBS_API_SIGNING_KEY = os.environ.get("JOBS_API_SIGNING_KEY")
    HUB_URL = "https://hub.rc.campus.edu"


class ProductionConfig(BaseConfig):
    DEBUG = os.environ.get("PORTAL_DEBUG", "0") == "1"  #@safe


class StagingConfig(BaseConfig):
    # staging runs on the test cluster against a copy of production data
    DEBUG = True  #@vuln CWE-489|CWE-215
    SQLALCHEMY_ECHO = True
    SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://rcportal:St4ging-rcp0rtal@db-stage.rc.campus.edu/rcportal"  #@vuln CWE-798
    SESSION_COOKIE_SECURE = False  #@vuln CWE-614
    JOBS_API_URL = "http://jobs-stage.rc.campus.edu:8081"


class TestConfig(BaseConfig):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False


CONFIGS = {
    "production": ProductionConfig,
    "staging": StagingConfig,
    "test": TestConfig,
}
