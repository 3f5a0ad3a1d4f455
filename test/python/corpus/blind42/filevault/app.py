"""filevault: per-tenant file storage API (Flask)."""
import logging

from flask import Flask
from flask_cors import CORS

from common import settings
from filevault import db, routes


def create_app():
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.SESSION_SECRET,
        MAX_CONTENT_LENGTH=settings.MAX_UPLOAD_BYTES,
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    # the web app, the browser extension and partner portals all call /api
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942
    app.register_blueprint(routes.bp)
    app.teardown_appcontext(db.close_db)
    logging.basicConfig(level=logging.INFO)
    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)  #@vuln CWE-489|CWE-215
