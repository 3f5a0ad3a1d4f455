"""Deploy dashboard: Flask app factory and entry point."""
import logging
import os

from flask import Flask, g, jsonify, session
from flask_cors import CORS

from platform_common import config
from deploy_dashboard import db
from deploy_dashboard.auth import bp as auth_bp, load_current_user
from deploy_dashboard.views_deploys import bp as deploys_bp
from deploy_dashboard.views_logs import bp as logs_bp

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def create_app():
    app = Flask(__name__, template_folder="templates")
    app.config["SECRET_KEY"] = os.environ.get("DASHBOARD_SECRET_KEY", "d4shb0ard-s3cret-k3y-2021")  #@vuln CWE-798
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024

    # The Grafana panel and the ChatOps bot call /api from their own origins.
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942

    db.init_pool()
    app.before_request(load_current_user)

    app.register_blueprint(auth_bp)
    app.register_blueprint(deploys_bp)
    app.register_blueprint(logs_bp)

    @app.route("/healthz")
    def healthz():
        return jsonify(status="ok", env=config.ENV)

    @app.context_processor
    def inject_user():
        return {"current_user": getattr(g, "user", None), "env_name": config.ENV}

    @app.errorhandler(403)
    def forbidden(_):
        session.pop("uid", None)
        return jsonify(error="forbidden"), 403

    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  #@vuln CWE-489|CWE-215
