import os
import zipfile
from pathlib import Path

from flask import current_app
from werkzeug.utils import secure_filename


def unpack_upload(storage, project):
    base = Path(current_app.config["UPLOAD_DIR"]) / "projects" / project
    base.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(storage.stream) as zf:
        zf.extractall(base)  #@vuln CWE-22
    return base


def safe_unpack(storage, project):
    base = (Path(current_app.config["UPLOAD_DIR"]) / "projects" / secure_filename(project)).resolve()
    base.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(storage.stream) as zf:
        for member in zf.infolist():
            dest = (base / member.filename).resolve()
            if os.path.commonpath([str(base), str(dest)]) != str(base):
                raise ValueError(f"blocked entry {member.filename}")
        zf.extractall(base)  #@safe
    return base
