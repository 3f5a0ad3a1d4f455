"""OAuth 2.0 / OpenID Connect sign-in (Google Workspace, Microsoft Entra, campus IdPs)."""
import hmac
import random
import string
from urllib.parse import urlencode

import requests
from flask import Blueprint, abort, jsonify, redirect, request, session, url_for
from flask_login import login_user

from api.db import User, db
from core.netutil import fetch_public_image

bp = Blueprint("oauth", __name__)

PROVIDERS = {
    "google": {
        "issuer": "https://accounts.google.com",
        "client_id": "418820342871-learnhub.apps.googleusercontent.com",
    },
    "microsoft": {
        "issuer": "https://login.microsoftonline.com/common/v2.0",
        "client_id": "6f1b2a55-1c9e-4d7e-9b1a-2f0c8e7d3a11",
    },
}
GOOGLE_CLIENT_SECRET = "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"  #@vuln CWE-798

STATE_ALPHABET = string.ascii_letters + string.digits


def _new_state():
    return "".join(random.choices(STATE_ALPHABET, k=24))  #@vuln CWE-338


def _discover(issuer):
    resp = requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=5)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.json()


def _client_secret(provider):
    if provider == "google":
        return GOOGLE_CLIENT_SECRET
    return None


@bp.get("/discover")
def discover():
    """Used by the admin UI to check a campus IdP before it is added to PROVIDERS."""
    issuer = request.args.get("issuer", "")
    if not issuer.startswith("https://"):
        return jsonify(error="issuer must use https"), 400
    metadata = _discover(issuer)
    return jsonify({k: metadata.get(k) for k in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")})


@bp.get("/<provider>/start")
def start(provider):
    cfg = PROVIDERS.get(provider)
    if cfg is None:
        abort(404)
    metadata = _discover(cfg["issuer"])
    state = _new_state()
    session["oauth_state"] = state
    params = {
        "client_id": cfg["client_id"],
        "response_type": "code",
        "scope": "openid email profile",
        "redirect_uri": url_for("oauth.callback", provider=provider, _external=True),
        "state": state,
    }
    return redirect(metadata["authorization_endpoint"] + "?" + urlencode(params))


@bp.get("/<provider>/callback")
def callback(provider):
    cfg = PROVIDERS.get(provider) or abort(404)
    expected = session.pop("oauth_state", "")
    if not hmac.compare_digest(expected, request.args.get("state", "")):
        abort(400)
    metadata = _discover(cfg["issuer"])
    token_resp = requests.post(
        metadata["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": request.args["code"],
            "redirect_uri": url_for("oauth.callback", provider=provider, _external=True),
            "client_id": cfg["client_id"],
            "client_secret": _client_secret(provider),
        },
        timeout=10,
    )
    token_resp.raise_for_status()
    tokens = token_resp.json()
    profile = requests.get(
        metadata["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=10,
    ).json()

    user = User.query.filter_by(email=profile["email"]).first()
    if user is None:
        user = User(email=profile["email"], username=profile["email"].split("@")[0], display_name=profile.get("name", ""))
        db.session.add(user)
        db.session.commit()
    if profile.get("picture"):
        try:
            session["avatar_bytes"] = len(fetch_public_image(profile["picture"]))
        except Exception:
            pass
    login_user(user)
    return jsonify(id=user.id, email=user.email)
