"""Configuration objects for the marketplace Flask front-end."""
import os

from flask import Flask


class BaseConfig:
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_SAMESITE = "Lax"
    STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
    DEBUG = False  #@safe


class DevelopmentConfig(BaseConfig):
    DEBUG = True
    SQLALCHEMY_DATABASE_URI = "sqlite:///dev.db"
    SECRET_KEY = "dev-only-not-secret"


class StagingConfig(BaseConfig):
    DEBUG = True  #@vuln CWE-489|CWE-215
    SECRET_KEY = "stg-8fK2mQ9vX3pL7wR1zT6y"  #@vuln CWE-798|CWE-259
    SQLALCHEMY_DATABASE_URI = "postgresql://market:M4rket-stg-pw@stg-db.internal:5432/market"  #@vuln CWE-798|CWE-259
    STRIPE_SECRET_KEY = "sk_live_51Hx9KqL2mZ8vYpR4tW7nC3eJ"  #@vuln CWE-798


class ProductionConfig(BaseConfig):
    SECRET_KEY = os.environ["SECRET_KEY"]  #@safe
    SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]  #@safe
    STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]  #@safe


CONFIGS = {"development": DevelopmentConfig, "staging": StagingConfig, "production": ProductionConfig}


def create_app(env: str | None = None) -> Flask:
    env = env or os.environ.get("MARKET_ENV", "production")
    app = Flask(__name__)
    app.config.from_object(CONFIGS[env])
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.config["DEBUG"] = env == "development"  #@safe
    return app


def create_admin_app() -> Flask:
    app = Flask("market-admin")
    app.config.from_object(ProductionConfig)
    app.config["DEBUG"] = True  #@vuln CWE-489|CWE-215
    return app


def smtp_settings() -> dict:
    return {
        "host": os.environ.get("SMTP_HOST", "localhost"),
        "port": int(os.environ.get("SMTP_PORT", "587")),
        "user": os.environ.get("SMTP_USER", ""),
        "password": os.environ.get("SMTP_PASSWORD", ""),
    }


MAIL_RELAY_PASSWORD = "Relay#2024-outbound"  #@vuln CWE-798|CWE-259
