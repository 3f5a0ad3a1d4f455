"""Social login via Authlib (Google OIDC, GitHub OAuth2)."""
import logging

from authlib.integrations.flask_client import OAuth, OAuthError
from flask import Blueprint, abort, redirect, request, session, url_for
from flask_login import login_user

from identity.user_repo import UserRepository
from shared.authkit.crypto import random_token

log = logging.getLogger(__name__)
bp = Blueprint("oauth", __name__, url_prefix="/oauth")
oauth = OAuth()
repo = UserRepository()

oauth.register(
    name="google",
    server_metadata_url="https://accounts.google.com/.well-known/openid-configuration",
    client_kwargs={"scope": "openid email profile"},
)
oauth.register(
    name="github",
    api_base_url="https://api.github.com/",
    access_token_url="https://github.com/login/oauth/access_token",
    authorize_url="https://github.com/login/oauth/authorize",
    client_kwargs={"scope": "read:user user:email"},
)

ENABLED_PROVIDERS = ("google", "github")


@bp.get("/login/<provider>")
def start(provider):
    if provider not in ENABLED_PROVIDERS:
        abort(404)
    client = oauth.create_client(provider)
    session["oauth_next"] = request.args.get("next", "/")
    redirect_uri = url_for("oauth.callback", provider=provider, _external=True)
    if provider == "google":
        nonce = random_token(16)
        session["oidc_nonce"] = nonce
        return client.authorize_redirect(redirect_uri, nonce=nonce)
    return client.authorize_redirect(redirect_uri)


@bp.get("/callback/<provider>")
def callback(provider):
    if provider not in ENABLED_PROVIDERS:
        abort(404)
    client = oauth.create_client(provider)
    try:
        token = client.authorize_access_token()  # Authlib checks state against the session
    except OAuthError as exc:
        log.info("oauth error from %s: %s", provider, exc.error)
        return redirect(url_for("auth.login", error="oauth"))

    if provider == "google":
        userinfo = client.parse_id_token(token, nonce=session.pop("oidc_nonce", None))
        info = {"email": userinfo["email"], "name": userinfo.get("name", ""), "sub": userinfo["sub"]}
        if not userinfo.get("email_verified"):
            return redirect(url_for("auth.login", error="unverified"))
    else:
        profile = client.get("user", token=token).json()
        info = {"email": profile.get("email"), "name": profile.get("name") or profile["login"], "sub": str(profile["id"])}

    if not info["email"]:
        return redirect(url_for("auth.login", error="no_email"))

    user = repo.get_by_email(info["email"])
    if user is None:
        user = repo.create(username=info["email"].split("@")[0] + "-" + provider, email=info["email"], display_name=info["name"], password_hash="!")
    login_user(user)
    repo.record_login(user.id, request.remote_addr, "oauth:" + provider)
    return redirect(session.pop("oauth_next", "/"))  #@vuln CWE-601
