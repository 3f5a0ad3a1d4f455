"""Grand Meridian property-management API (run with: python -m pms_api.app)."""
import logging
import os

from flask import Flask, jsonify, request
from flask_cors import CORS

from .auth import authenticate, issue_staff_token, login_required, staff_in_department
from .config import CONFIGS
from .models import db


def create_app(config_name=None):
    app = Flask(__name__)
    config_name = config_name or os.environ.get("PMS_ENV", "production")
    app.config.from_object(CONFIGS[config_name])

    db.init_app(app)
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942

    from . import reports, reservations

    app.register_blueprint(reservations.bp)
    app.register_blueprint(reports.bp)

    @app.post("/api/auth/login")
    def staff_login():
        body = request.get_json(force=True)
        user = authenticate(body.get("username", ""), body.get("password", ""))
        if user is None:
            return jsonify(error="invalid credentials"), 401
        return jsonify(token=issue_staff_token(user), role=user.role)

    @app.get("/api/staff/department/<department>")
    @login_required(role="manager")
    def department_staff(department):
        return jsonify(staff=staff_in_department(department))

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok", property=app.config["PROPERTY_CODE"])

    logging.basicConfig(level=logging.INFO)
    return app


if __name__ == "__main__":
    application = create_app(os.environ.get("PMS_ENV", "production"))
    application.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8080)), debug=True)  #@vuln CWE-489
