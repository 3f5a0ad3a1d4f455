import os
import urllib.request

from flask import current_app
from werkzeug.utils import secure_filename


def user_dir(owner_id):
    return os.path.join(current_app.config["DOCVAULT_ROOT"], str(int(owner_id)))


def resolve_user_path(owner_id, relpath):
    base = os.path.realpath(user_dir(owner_id))
    candidate = os.path.realpath(os.path.join(base, relpath))
    if os.path.commonpath([base, candidate]) != base:
        raise PermissionError(relpath)
    return candidate


def save_upload(owner_id, file_storage):
    name = secure_filename(file_storage.filename or "") or "upload.bin"
    dest = os.path.join(user_dir(owner_id), "incoming", name)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    file_storage.save(dest)  #@safe
    return dest


def read_text(owner_id, relpath):
    with open(os.path.join(user_dir(owner_id), relpath), encoding="utf-8") as fh:  #@vuln CWE-22
        return fh.read()


def download_to(url, owner_id, filename):
    dest = os.path.join(user_dir(owner_id), "incoming", secure_filename(filename) or "remote.bin")
    with urllib.request.urlopen(url, timeout=20) as resp, open(dest, "wb") as out:  #@vuln CWE-918
        out.write(resp.read())
    return dest
