"""Flask admin app for the infra team (served behind the corp reverse proxy)."""
import logging
import os

from flask import Flask, jsonify, session
from flask_cors import CORS

from common.config import load_config
from infra_admin.auth import auth_bp
from infra_admin.routes import bp as admin_bp


def create_app():
    app = Flask(__name__, template_folder="templates")
    cfg = load_config()
    app.config.update(
        SECRET_KEY=os.environ.get("ADMIN_SECRET_KEY") or "k3ep-th1s-s3cret-infra-admin",  #@vuln CWE-798
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,
        INFRA=cfg,
    )
    CORS(app, origins=["https://portal.corp.internal"], supports_credentials=True)  #@safe
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")

    @app.route("/healthz")
    def healthz():
        return jsonify({"ok": True})

    @app.context_processor
    def inject_user():
        return {"current_user": session.get("user")}

    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  #@vuln CWE-489|CWE-215
