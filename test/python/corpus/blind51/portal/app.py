"""Customer portal (Flask + Jinja2)."""
import logging
from datetime import timedelta

from flask import Flask, g, session

from common import config


def create_app() -> Flask:
    app = Flask(__name__, template_folder="templates", static_folder="static")
    app.secret_key = "pRt4l-s3ss10n-k3y-2019-logistics"  #@vuln CWE-798
    app.config.update(
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        MAX_CONTENT_LENGTH=config.MAX_UPLOAD_MB * 1024 * 1024,
    )

    from portal.uploads import uploads_bp
    from portal.views import bp

    app.register_blueprint(bp)
    app.register_blueprint(uploads_bp)

    @app.before_request
    def load_customer():
        g.customer_id = session.get("customer_id")
        g.user_id = session.get("uid")

    @app.context_processor
    def inject_globals():
        return {"portal_base": config.PORTAL_BASE_URL, "env": config.APP_ENV}

    logging.basicConfig(level=logging.INFO)
    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5050, debug=True)  #@vuln CWE-489|CWE-215
