"""Self-service account management."""
import logging
import os
import subprocess
from datetime import datetime, timezone

import pyotp
from flask import Blueprint, current_app, jsonify, redirect, render_template, render_template_string, request, send_file, url_for
from flask_login import current_user, login_required
from flask_mail import Mail, Message
from markupsafe import escape
from werkzeug.utils import secure_filename

from identity import ldap_auth, tokens
from identity.user_repo import PROFILE_COLUMNS, UserRepository
from shared.authkit.crypto import SecretBox, hash_password, numeric_code, random_token, token_digest
from shared.authkit.http import download_avatar

log = logging.getLogger(__name__)
bp = Blueprint("account", __name__, url_prefix="/account")
repo = UserRepository()
mail = Mail()


def send_mail(to_addr, subject, template, **ctx):
    mail.send(Message(subject, recipients=[to_addr], body=render_template("mail/" + template, **ctx)))


VERIFIED_PAGE = """{% extends "base.html" %}{% block body %}<h2>Thanks, {{ name }}!</h2><p>{{ email }} is now verified.</p>{% endblock %}"""


@bp.post("/register")
def register():
    form = request.form
    if len(form.get("password", "")) < 12:
        return render_template("register.html", error="Password must be at least 12 characters"), 400
    if repo.get_by_email(form["email"]):
        return render_template("register.html", error="Account already exists"), 409
    user = repo.create(form["username"], form["email"], form.get("display_name") or form["username"], hash_password(form["password"]))
    link = current_app.config["BASE_URL"] + url_for("account.verify_email", token=tokens.email_verification_token(user.email))
    send_mail(user.email, "Verify your e-mail", "verify_email.txt", link=link, name=user.display_name)
    return redirect(url_for("auth.login", registered=1))


@bp.get("/verify")
def verify_email():
    try:
        email = tokens.read_email_verification_token(request.args.get("token", ""))
    except tokens.TokenError as exc:
        return render_template("error.html", message=str(exc)), 400
    repo.mark_email_verified(email)
    user = repo.get_by_email(email)
    return render_template_string(VERIFIED_PAGE, name=user.display_name, email=email)  #@safe


@bp.get("/welcome")
@login_required
def welcome():
    greeting = request.args.get("greeting", "Welcome back")
    return render_template_string("<h2>" + greeting + ", {{ user.display_name }}</h2>", user=current_user)  #@vuln CWE-1336


@bp.post("/password/forgot")
def forgot_password():
    email = request.form.get("email", "").strip()
    user = repo.get_by_email(email)
    if user is not None:
        token = random_token(32)
        expires = datetime.now(timezone.utc) + current_app.config["RESET_TOKEN_TTL"]
        repo.store_reset_token(user.id, token_digest(token), expires)
        link = current_app.config["BASE_URL"] + url_for("account.reset_password", token=token)
        send_mail(user.email, "Reset your password", "reset_password.txt", link=link, name=user.display_name)
    # same answer either way to avoid account enumeration
    return render_template("forgot_sent.html")


@bp.route("/password/reset", methods=["GET", "POST"])
def reset_password():
    token = request.values.get("token", "")
    if request.method == "GET":
        return render_template("reset_password.html", token=token)
    user_id = repo.consume_reset_token(token_digest(token))
    if user_id is None:
        return render_template("reset_password.html", error="This link is invalid or has expired"), 400
    repo.set_password_hash(user_id, hash_password(request.form["password"]))
    return redirect(url_for("auth.login", reset=1))


@bp.get("/lookup")
def lookup():
    """Used by the login page to show which directory an address belongs to."""
    email = request.args.get("email", "")
    user = repo.get_by_email(email)
    if user is None:
        return f"<p class='hint'>No account found for <b>{email}</b>. <a href='/account/register'>Create one?</a></p>", 404  #@vuln CWE-79
    return f"<p class='hint'>Signing in as <b>{escape(user.display_name)}</b></p>"  #@safe


@bp.get("/team")
@login_required
def team():
    manager = request.args.get("manager") or current_user.username
    return jsonify(members=ldap_auth.find_by_manager(manager))


@bp.post("/profile")
@login_required
def update_profile():
    payload = request.get_json(force=True) or {}
    changes = {k: v for k, v in payload.items() if k in PROFILE_COLUMNS}
    repo.update_profile(current_user.id, changes)
    return jsonify(updated=sorted(changes))


@bp.post("/avatar")
@login_required
def upload_avatar():
    upload = request.files["avatar"]
    user_dir = os.path.join(current_app.config["AVATAR_ROOT"], str(current_user.id))
    os.makedirs(user_dir, exist_ok=True)
    dest = os.path.join(user_dir, upload.filename)
    upload.save(dest)  #@vuln CWE-22
    repo.update_profile(current_user.id, {"avatar_path": os.path.relpath(dest, current_app.config["AVATAR_ROOT"])})
    return jsonify(ok=True)


@bp.post("/avatar/from-url")
@login_required
def avatar_from_url():
    data = download_avatar(request.form["url"])
    name = secure_filename("remote-%d.img" % current_user.id)
    dest = os.path.join(current_app.config["AVATAR_ROOT"], str(current_user.id), name)
    with open(dest, "wb") as fh:
        fh.write(data)
    return jsonify(ok=True)


@bp.get("/avatar/<int:user_id>/<path:name>")
def avatar(user_id, name):
    path = os.path.join(current_app.config["AVATAR_ROOT"], str(user_id), name)
    return send_file(path)  #@vuln CWE-22


@bp.post("/mfa/totp/start")
@login_required
def totp_start():
    secret = pyotp.random_base32()
    uri = pyotp.TOTP(secret).provisioning_uri(name=current_user.email, issuer_name="Acme ID")
    os.makedirs(current_app.config["QR_TMP_DIR"], exist_ok=True)
    png = os.path.join(current_app.config["QR_TMP_DIR"], "%d-%s.png" % (current_user.id, random_token(8)))
    caption = current_user.display_name or current_user.email
    subprocess.run(["qrencode", "-s", "6", "-o", png, uri], check=True, timeout=10)  #@safe
    # stamp the account name under the code so people with several accounts can tell them apart
    subprocess.run(f"convert {png} -gravity south -splice 0x24 -annotate +0+4 '{caption}' {png}", shell=True, check=True, timeout=10)  #@vuln CWE-78
    box = SecretBox(current_app.config["SECRET_BOX_KEY"].encode())
    repo.set_totp_secret(current_user.id, "pending:" + box.seal(secret))
    return send_file(png, mimetype="image/png")


@bp.post("/mfa/email/send")
@login_required
def email_code():
    code = numeric_code(6)
    repo.update_profile(current_user.id, {"pending_email_code": token_digest(code)})
    send_mail(current_user.email, "Your sign-in code", "email_code.txt", code=code)
    return jsonify(sent=True)
