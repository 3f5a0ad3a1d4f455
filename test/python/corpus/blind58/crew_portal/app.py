"""Crew portal: rosters, swaps, licence records for flight and cabin crew."""
import logging
import os

from flask import Flask, render_template
from flask_cors import CORS
from flask_sqlalchemy import SQLAlchemy

from hangar_common import settings

db = SQLAlchemy()


class PortalConfig:
    SECRET_KEY = os.environ["PORTAL_SECRET_KEY"]
    SQLALCHEMY_DATABASE_URI = settings.DATABASE_URL
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    UPLOAD_FOLDER = str(settings.LICENCE_SCAN_DIR)
    DEBUG = True  #@vuln CWE-489|CWE-215
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 8 * 3600


def create_app(config: type = PortalConfig) -> Flask:
    app = Flask(__name__, template_folder="templates", static_folder="static")
    app.config.from_object(config)
    logging.basicConfig(level=logging.INFO)

    db.init_app(app)
    CORS(app, origins=["https://crew.hangarops.example", "https://roster.hangarops.example"], supports_credentials=True)  #@safe

    from crew_portal.licences import bp as licences_bp
    from crew_portal.views import bp as crew_bp

    app.register_blueprint(crew_bp)
    app.register_blueprint(licences_bp)

    @app.errorhandler(404)
    def not_found(_):
        return render_template("404.html"), 404

    return app


if __name__ == "__main__":
    create_app().run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=settings.PORTAL_DEBUG)  #@safe
