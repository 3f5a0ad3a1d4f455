import logging

from flask import Flask, g, jsonify, request
from flask_cors import CORS

from pharmacy_api.auth import auth_bp, load_current_user
from pharmacy_api.models import db
from pharmacy_api.views_admin import admin_bp
from pharmacy_api.views_patients import patients_bp
from pharmacy_api.views_rx import partner_bp, rx_bp
from rxcommon.settings import get_config

log = logging.getLogger("rxbridge.api")


def create_app(config_name=None):
    app = Flask(__name__)
    app.config.from_object(get_config(config_name))

    db.init_app(app)

    CORS(  #@safe
        app,
        resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
        supports_credentials=True,
    )
    # embeddable refill widget used on partner clinic websites
    CORS(partner_bp, origins="*", supports_credentials=True)  #@vuln CWE-942

    app.register_blueprint(auth_bp, url_prefix="/api/auth")
    app.register_blueprint(rx_bp, url_prefix="/api/rx")
    app.register_blueprint(patients_bp, url_prefix="/api/patients")
    app.register_blueprint(admin_bp, url_prefix="/api/admin")
    app.register_blueprint(partner_bp, url_prefix="/partner")

    @app.before_request
    def attach_user():
        g.user = load_current_user()

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.errorhandler(404)
    def not_found(_err):
        return jsonify(error="not found", path=request.path), 404

    @app.errorhandler(500)
    def server_error(err):
        log.exception("unhandled error: %s", err)
        return jsonify(error="internal error"), 500

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)  #@vuln CWE-489
