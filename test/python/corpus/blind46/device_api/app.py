"""Flask app factory for the Hearth device-management dashboard and REST API."""
import logging
import os

from flask import Flask, jsonify
from flask_cors import CORS

from common.config import get_settings
from device_api import auth, views


def create_app() -> Flask:
    settings = get_settings()
    app = Flask(__name__, template_folder="templates", static_folder="static")
    app.config["SECRET_KEY"] = os.environ.get("HEARTH_FLASK_SECRET", "dev-not-secret-4b1f09")  #@vuln CWE-798
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024
    app.config["HEARTH"] = settings

    # the mobile app and the HA panel call the API from their own origins
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942

    app.register_blueprint(auth.bp)
    app.register_blueprint(views.bp)

    @app.errorhandler(404)
    def not_found(_err):
        return jsonify(error="not found"), 404

    @app.get("/healthz")
    def healthz():
        return jsonify(ok=True)

    logging.basicConfig(level=logging.INFO)
    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  #@vuln CWE-489|CWE-215
