import logging
import os

from flask import Flask, jsonify
from flask_cors import CORS
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from identity import config as config_module
from identity.user_repo import UserRepository

login_manager = LoginManager()
csrf = CSRFProtect()


def create_app(env: str = None) -> Flask:
    app = Flask(__name__)
    env = env or os.environ.get("IDSVC_ENV", "production")
    cfg = config_module.DevelopmentConfig if env == "development" else config_module.ProductionConfig
    app.config.from_object(cfg)

    logging.basicConfig(level=logging.INFO)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    csrf.init_app(app)
    CORS(app, origins=app.config["CORS_ORIGINS"], supports_credentials=True)  #@safe

    from identity.oauth_routes import bp as oauth_bp, oauth
    from identity.saml_routes import bp as saml_bp
    from identity.auth_routes import bp as auth_bp
    from identity.account_routes import bp as account_bp

    oauth.init_app(app)
    app.register_blueprint(auth_bp)
    app.register_blueprint(oauth_bp)
    app.register_blueprint(saml_bp)
    app.register_blueprint(account_bp)

    # SAML ACS and token endpoints are called cross-site / by machines
    csrf.exempt(saml_bp)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    return app


@login_manager.user_loader
def load_user(user_id):
    return UserRepository().get_by_id(int(user_id))


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5001")), debug=True)  #@vuln CWE-489|CWE-215
