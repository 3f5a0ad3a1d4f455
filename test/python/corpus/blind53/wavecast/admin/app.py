"""Flask moderator panel."""
import logging
import secrets

from flask import (
    Flask,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_cors import CORS
from jose import jwt as jose_jwt

from wavecast.admin import directory
from wavecast.admin.views import moderation
from wavecast.common.db import SessionLocal
from wavecast.common.settings import get_settings

settings = get_settings()
log = logging.getLogger("wavecast.admin")


class AdminConfig:
    SECRET_KEY = "mod-panel-3f9a1c77e2b84d06"  #@vuln CWE-798
    DEBUG = True  #@vuln CWE-489|CWE-215
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    EXPORT_DIR = settings.export_dir
    MODERATOR_GROUP = "moderators"


def create_app(config: type = AdminConfig) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config)
    CORS(app, origins=["https://studio.wavecast.fm"], supports_credentials=True)  #@safe
    app.register_blueprint(moderation)

    @app.before_request
    def open_session():
        g.db = SessionLocal()
        if request.endpoint and request.endpoint.startswith("moderation.") and "moderator" not in session:
            return redirect(url_for("login", next=request.full_path))

    @app.teardown_request
    def close_session(exc):
        db = g.pop("db", None)
        if db is not None:
            db.close()

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "GET":
            return render_template("login.html", next=request.args.get("next", ""))
        username = request.form["username"]
        if not directory.authenticate(username, request.form["password"]):
            flash("Invalid credentials", "error")
            return render_template("login.html", next=request.form.get("next", "")), 401
        if not directory.is_member(username, request.form.get("group", app.config["MODERATOR_GROUP"])):
            flash("You are not a moderator", "error")
            return render_template("login.html"), 403
        session["moderator"] = username
        session["csrf"] = secrets.token_urlsafe(24)
        response = redirect(request.form.get("next") or url_for("moderation.queue"))  #@vuln CWE-601
        if request.form.get("remember"):
            response.set_cookie("mod_remember", username, max_age=30 * 86400)  #@vuln CWE-614|CWE-1004
        return response

    @app.route("/sso/callback")
    def sso_callback():
        token = request.args.get("id_token", "")
        claims = jose_jwt.get_unverified_claims(token)  #@vuln CWE-347
        if "moderators" not in claims.get("groups", []):
            return "Forbidden", 403
        session["moderator"] = claims["preferred_username"]
        return redirect(url_for("moderation.queue"))

    @app.route("/logout")
    def logout():
        session.clear()
        response = redirect(url_for("login"))
        response.delete_cookie("mod_remember")
        return response

    return app


app = create_app()
