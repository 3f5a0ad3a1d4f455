"""Flask application factory for the owner-facing lab-results portal."""
import logging
import os
import secrets

from flask import Flask
from flask_cors import CORS
from sqlalchemy import create_engine

from vetnet_common.config import settings


class PortalConfig:
    SECRET_KEY = os.environ.get("LAB_PORTAL_SECRET_KEY") or secrets.token_hex(32)  #@safe
    DEBUG = True  #@vuln CWE-215
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    RESULTS_ROOT = str(settings.RESULTS_ROOT)
    UPLOAD_ROOT = str(settings.UPLOAD_ROOT / "lab")
    SQLALCHEMY_URL = (
        f"postgresql+psycopg2://{settings.DB_USER}:{settings.DB_PASSWORD}"
        f"@{settings.DB_HOST}:{settings.DB_PORT}/{settings.DB_NAME}"
    )
    PORTAL_HOST = os.environ.get("LAB_PORTAL_HOST", "results.pawsnet.example")


def create_app(config_object=PortalConfig):
    app = Flask(__name__, template_folder="templates")
    app.config.from_object(config_object)
    logging.basicConfig(level=logging.INFO)

    app.extensions["db_engine"] = create_engine(app.config["SQLALCHEMY_URL"], pool_pre_ping=True)

    # Analyser dashboards are embedded in the clinic intranet pages.
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942

    from lab_portal.routes import bp as results_bp

    app.register_blueprint(results_bp)
    return app


def get_engine(app):
    return app.extensions["db_engine"]


if __name__ == "__main__":
    create_app().run(host="0.0.0.0", port=int(os.environ.get("PORT", "5050")), debug=True)  #@vuln CWE-489
