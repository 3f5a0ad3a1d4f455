import os


class Config:
    SECRET_KEY = os.environ.get("DASH_SECRET_KEY")
    WAREHOUSE_URL = os.environ.get("WAREHOUSE_RO_URL", "postgresql://dash_ro@warehouse.internal/analytics")
    EXPORT_DIR = os.environ.get("DASH_EXPORT_DIR", "/srv/dashboard/exports")
    TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True


class ProdConfig(Config):
    DEBUG = False
    PREFERRED_URL_SCHEME = "https"
