"""Flask application factory for the LIMS API.

Deployed with `python -m lims_api.app` under the lims-api systemd unit.
"""
import logging
import os

from flask import Flask, jsonify
from flask_cors import CORS

from coa.routes import bp as coa_bp
from common import config
from lims_api.auth import bp as auth_bp
from lims_api.repository import init_db
from lims_api.routes_pipelines import bp as pipelines_bp
from lims_api.routes_reports import bp as reports_bp
from lims_api.routes_samples import bp as samples_bp

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")


def create_app():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = config.SECRET_KEY
    app.config["MAX_CONTENT_LENGTH"] = 500 * 1024 * 1024  # raw instrument exports are big
    app.config["SESSION_COOKIE_SECURE"] = False  #@vuln CWE-614
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"

    # the Dash dashboard and the ELN plugin call us from other hosts
    CORS(app, origins="*", supports_credentials=True)  #@vuln CWE-942

    init_db(app)
    app.register_blueprint(auth_bp)
    app.register_blueprint(samples_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(pipelines_bp)
    app.register_blueprint(coa_bp)

    @app.get("/health")
    def health():
        return jsonify(status="ok", env=config.ENVIRONMENT)

    @app.errorhandler(404)
    def not_found(_exc):
        return jsonify(error="not found"), 404

    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("LIMS_PORT", "5000")), debug=True)  #@vuln CWE-489|CWE-215
