"""Billing portal: Flask application factory."""
import logging
import os

from flask import Flask, jsonify
from flask_cors import CORS
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
log = logging.getLogger(__name__)

CONFIG_MAP = {
    "development": "billing_portal.config.DevelopmentConfig",
    "production": "billing_portal.config.ProductionConfig",
    "testing": "billing_portal.config.TestingConfig",
}


def create_app(env: str | None = None) -> Flask:
    env = env or os.environ.get("BILLING_ENV", "production")
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(CONFIG_MAP[env])
    app.config.from_pyfile("local.cfg", silent=True)

    db.init_app(app)
    # the customer dashboard (app.example.com) and the partner widgets both call /api
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942

    from billing_portal.blueprints.auth import bp as auth_bp
    from billing_portal.blueprints.invoices import bp as invoices_bp

    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(invoices_bp, url_prefix="/api/invoices")

    @app.errorhandler(404)
    def not_found(_err):
        return jsonify(error="not found"), 404

    @app.get("/healthz")
    def healthz():
        return {"status": "ok", "env": env}

    return app


if __name__ == "__main__":
    application = create_app(os.environ.get("BILLING_ENV"))
    application.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8000)), debug=True)  #@vuln CWE-489|CWE-215
