import os
from flask import Flask, request, jsonify, make_response, session

app = Flask(__name__)
app.config["SECRET_KEY"] = "flask-very-secret-9f8e7d"  #@vuln CWE-798|CWE-259
app.config["SESSION_COOKIE_SECURE"] = False  #@vuln CWE-614
app.config["SESSION_COOKIE_HTTPONLY"] = False  #@vuln CWE-1004
app.config.update(
    SESSION_COOKIE_SAMESITE="Lax",
    PERMANENT_SESSION_LIFETIME=3600,
)


class BaseConfig:
    TESTING = False
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  #@safe


class ProductionConfig(BaseConfig):
    DEBUG = True  #@vuln CWE-489|CWE-215
    SESSION_COOKIE_SECURE = False  #@vuln CWE-614


class DevelopmentConfig(BaseConfig):
    DEBUG = os.getenv("FLASK_DEBUG") == "1"  #@safe


app.config.from_object(ProductionConfig)


@app.route("/login", methods=["POST"])
def login():
    user = request.form["user"]
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("session_id", make_session(user))  #@vuln CWE-614|CWE-1004
    resp.set_cookie("auth_token", make_session(user), secure=False, httponly=True)  #@vuln CWE-614
    resp.set_cookie("remember", "1", secure=True, httponly=False)  #@vuln CWE-1004
    resp.set_cookie("theme", request.args.get("theme", "light"))  #@safe
    resp.set_cookie("sid", make_session(user), secure=True, httponly=True, samesite="Lax")  #@safe
    return resp


def make_session(user):
    import secrets
    return secrets.token_urlsafe(32)  #@safe


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)  #@vuln CWE-489|CWE-215
