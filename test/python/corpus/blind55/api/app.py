"""Flask application factory for the LearnHub student/instructor API."""
import os

from flask import Flask, jsonify
from flask_cors import CORS
from flask_login import LoginManager

from api.db import User, db
from core.config import get_config

login_manager = LoginManager()
login_manager.login_view = "auth.login"


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))


@login_manager.request_loader
def load_user_from_request(request):
    from api.auth import user_from_bearer

    return user_from_bearer(request)


def _register_blueprints(app):
    from api.auth import bp as auth_bp
    from api.certificates import bp as cert_bp
    from api.courses import bp as courses_bp
    from api.integrations.lti import bp as lti_bp
    from api.integrations.oauth import bp as oauth_bp
    from api.integrations.saml import bp as saml_bp
    from api.submissions import bp as submissions_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(courses_bp, url_prefix="/api/courses")
    app.register_blueprint(submissions_bp, url_prefix="/api")
    app.register_blueprint(cert_bp)
    app.register_blueprint(lti_bp, url_prefix="/lti")
    app.register_blueprint(saml_bp, url_prefix="/saml")
    app.register_blueprint(oauth_bp, url_prefix="/oauth")


def create_app(config_name=None):
    app = Flask(__name__)
    app.config.from_object(get_config(config_name))

    db.init_app(app)
    login_manager.init_app(app)

    CORS(app, resources={r"/api/*": {"origins": app.config["FRONTEND_ORIGINS"]}}, supports_credentials=True)  #@safe
    # course widgets are embedded in partner LMS pages
    CORS(app, resources={r"/embed/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942

    _register_blueprints(app)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    return app


if __name__ == "__main__":
    application = create_app(os.environ.get("LEARNHUB_ENV"))
    application.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
