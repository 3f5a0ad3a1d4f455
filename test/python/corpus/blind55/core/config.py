"""Runtime configuration shared by the LearnHub API, runner and proctoring services."""
import os


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


class BaseConfig:
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", "postgresql+psycopg2://learnhub@localhost:5432/learnhub"
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SECRET_KEY = os.environ.get("FLASK_SECRET_KEY")  #@safe
    DEBUG = False
    TESTING = False

    UPLOAD_ROOT = os.environ.get("UPLOAD_ROOT", "/var/lib/learnhub/uploads")
    MATERIALS_ROOT = os.environ.get("MATERIALS_ROOT", "/var/lib/learnhub/materials")
    EXPORT_ROOT = os.environ.get("EXPORT_ROOT", "/var/lib/learnhub/exports")
    CERT_TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "..", "api", "templates", "certificates")

    SUBMISSIONS_BUCKET = os.environ.get("SUBMISSIONS_BUCKET", "learnhub-submissions")
    AWS_REGION = os.environ.get("AWS_REGION", "eu-west-1")
    RUN_QUEUE_URL = os.environ.get("RUN_QUEUE_URL", "")

    FRONTEND_ORIGINS = env_list(
        "FRONTEND_ORIGINS", "https://learn.example.edu,https://admin.learn.example.edu"
    )
    ALLOWED_REDIRECT_HOSTS = {"learn.example.edu", "admin.learn.example.edu"}
    WEBHOOK_HOSTS = {"hooks.slack.com", "canvas.example.edu", "moodle.example.edu"}

    LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.example.edu")
    LDAP_BASE_DN = "ou=people,dc=example,dc=edu"
    LDAP_BIND_DN = "cn=learnhub-svc,ou=services,dc=example,dc=edu"
    LDAP_BIND_PASSWORD = "Lh-svc!Bind#2023"  #@vuln CWE-798

    JWT_SIGNING_KEY = os.environ.get("JWT_SIGNING_KEY", "")
    JWT_AUDIENCE = "learnhub-api"
    LTI_CLIENT_ID = os.environ.get("LTI_CLIENT_ID", "")
    LTI_PLATFORM_JWKS_URL = os.environ.get(
        "LTI_PLATFORM_JWKS_URL", "https://canvas.example.edu/api/lti/security/jwks"
    )
    MONGO_URL = os.environ.get("PROCTOR_MONGO_URL", "mongodb://localhost:27017")
    CA_BUNDLE = os.environ.get("LEARNHUB_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")

    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    MAX_CONTENT_LENGTH = 50 * 1024 * 1024


class ProductionConfig(BaseConfig):
    PREFERRED_URL_SCHEME = "https"


class PilotConfig(BaseConfig):
    DEBUG = True  #@vuln CWE-489
    SQLALCHEMY_ECHO = True
    PREFERRED_URL_SCHEME = "https"


class TestConfig(BaseConfig):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"


CONFIG_BY_NAME = {
    "production": ProductionConfig,
    "pilot": PilotConfig,
    "test": TestConfig,
}


def get_config(name=None):
    name = name or os.environ.get("LEARNHUB_ENV", "production")
    return CONFIG_BY_NAME.get(name, ProductionConfig)
