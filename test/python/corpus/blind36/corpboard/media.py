"""Uploads, avatars and outbound calls."""
import os
import uuid

import requests
from flask import current_app
from werkzeug.utils import secure_filename

ALLOWED_AVATAR_TYPES = {"image/png", "image/jpeg", "image/gif"}
MAX_AVATAR_BYTES = 2 * 1024 * 1024


def attachment_path(name):
    return os.path.join(current_app.config["UPLOAD_DIR"], "attachments", name)


def download_avatar(url):
    resp = requests.get(url, timeout=10, stream=True)  #@vuln CWE-918
    resp.raise_for_status()
    if resp.headers.get("Content-Type", "").split(";")[0] not in ALLOWED_AVATAR_TYPES:
        raise ValueError("avatar URL is not an image")
    return resp.raw.read(MAX_AVATAR_BYTES, decode_content=True)


def save_avatar(user_id, original_name, data):
    name = "%d-%s-%s" % (user_id, uuid.uuid4().hex[:8], secure_filename(original_name) or "avatar")
    dest_dir = os.path.join(current_app.static_folder, "avatars")
    os.makedirs(dest_dir, exist_ok=True)
    with open(os.path.join(dest_dir, name), "wb") as fh:  #@safe
        fh.write(data)
    return name


def notify_partner(payload):
    # partner endpoint still has the self-signed cert, see OPS-2291
    return requests.post(current_app.config["PARTNER_WEBHOOK"], json=payload, timeout=5, verify=False)  #@vuln CWE-295
