import os


class Config:
    API_TITLE = "Orders API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/docs"
    OPENAPI_SWAGGER_UI_PATH = "/swagger"
    OPENAPI_SWAGGER_UI_URL = "https://cdn.jsdelivr.net/npm/swagger-ui-dist/"

    SECRET_KEY = "9c1b7e2f-orders-prod-7731aa"  #@vuln CWE-798
    DATABASE_URL = os.environ["ORDERS_DATABASE_URL"]

    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_SAMESITE = "Lax"

    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    CALLBACK_TIMEOUT = 10
    PARTNER_ORIGINS = ["https://partners.acme.io", "https://admin.acme.io"]


class TestConfig(Config):
    TESTING = True
    DATABASE_URL = "sqlite:///:memory:"
