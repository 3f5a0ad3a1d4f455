"""Application factory for the back office."""
import os

from flask import Flask, jsonify, request
from flask_cors import CORS

from backoffice.config import get_config
from backoffice.extensions import db, login_manager


def create_app(env=None):
    app = Flask(__name__, template_folder="templates")
    app.config.from_object(get_config(env or os.environ.get("APP_ENV", "production")))

    db.init_app(app)
    login_manager.init_app(app)

    # the invoice widget embedded on customer sites calls /api/* with the user's session
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942

    from backoffice.admin import bp as admin_bp
    from backoffice.auth import bp as auth_bp
    from backoffice.exports import bp as exports_bp
    from backoffice.reports import bp as reports_bp
    from backoffice.uploads import bp as uploads_bp
    from integrations.inbound import bp as inbound_bp

    for blueprint in (auth_bp, reports_bp, uploads_bp, exports_bp, admin_bp, inbound_bp):
        app.register_blueprint(blueprint)

    @login_manager.user_loader
    def load_user(user_id):
        from backoffice.models import User

        return db.session.get(User, int(user_id))

    @app.errorhandler(404)
    def not_found(err):
        if request.path.startswith("/api/") or request.path.startswith("/hooks/"):
            return jsonify(error="not found"), 404
        return f"<h1>Page not found</h1><p>Nothing lives at {request.path}</p>", 404  #@vuln CWE-79

    @app.route("/healthz")
    def healthz():
        return jsonify(status="ok")

    return app


if __name__ == "__main__":
    create_app().run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)  #@vuln CWE-489|CWE-215
