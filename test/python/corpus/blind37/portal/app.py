"""Flask application factory for the customer portal."""
import logging
import os

from flask import Flask, jsonify, request
from flask_cors import CORS

from portal.config import get_config
from portal.extensions import db
from portal.views import bp


def create_app(config_name=None):
    app = Flask(__name__, template_folder="templates")
    app.config.from_object(get_config(config_name))

    db.init_app(app)
    app.register_blueprint(bp)
    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}}, supports_credentials=True)  #@safe

    handler = logging.FileHandler(app.config["LOG_FILE"])
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    app.logger.addHandler(handler)

    @app.errorhandler(404)
    def not_found(exc):
        if request.accept_mimetypes.best == "application/json":
            return jsonify({"error": "not found"}), 404
        return f"<h1>Not found</h1><p>The page {request.path} does not exist.</p>", 404  #@vuln CWE-79

    @app.get("/healthz")
    def healthz():
        db.session.execute(db.text("SELECT 1"))
        return {"ok": True}

    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)  #@vuln CWE-489|CWE-215
