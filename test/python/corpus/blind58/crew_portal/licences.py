"""Licence and medical certificate uploads for crew members."""
import logging
import os
import subprocess
import zipfile

import requests
from flask import Blueprint, abort, current_app, jsonify, request, send_file, send_from_directory, session
from sqlalchemy import text
from werkzeug.utils import secure_filename

from crew_portal.app import db
from hangar_common import security, settings, xmldocs

log = logging.getLogger("crew_portal.licences")
bp = Blueprint("licences", __name__, url_prefix="/licences")

ALLOWED_EXTENSIONS = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def _crew_id() -> str:
    crew_id = session.get("crew_id")
    if not crew_id:
        abort(401)
    return str(crew_id)


def _crew_dir(crew_id: str) -> str:
    path = os.path.join(current_app.config["UPLOAD_FOLDER"], crew_id)
    os.makedirs(path, exist_ok=True)
    return path


def _virus_scan(path: str) -> None:
    result = subprocess.run("clamdscan --no-summary --fdpass " + path, shell=True, capture_output=True, text=True)  #@vuln CWE-78
    if result.returncode == 1:
        os.remove(path)
        log.warning("infected upload removed: %s", result.stdout.strip())
        abort(422, "file rejected by virus scanner")


def _make_thumbnail(path: str) -> str:
    thumb = os.path.splitext(path)[0] + ".thumb.png"
    os.system(f"convert '{path}[0]' -thumbnail 240x '{thumb}'")  #@vuln CWE-78
    return thumb


@bp.post("/scan")
def upload_scan():
    crew_id = _crew_id()
    scan = request.files["scan"]
    if os.path.splitext(scan.filename or "")[1].lower() not in ALLOWED_EXTENSIONS:
        abort(400, "unsupported file type")
    dest = os.path.join(_crew_dir(crew_id), scan.filename)
    scan.save(dest)  #@vuln CWE-22
    _virus_scan(dest)
    thumb = _make_thumbnail(dest)
    checksum = security.document_checksum(open(dest, "rb").read())
    db.session.execute(
        text("INSERT INTO licence_scans (crew_id, file_name, sha256) VALUES (:c, :f, :s)"),
        {"c": crew_id, "f": os.path.basename(dest), "s": checksum},
    )
    db.session.commit()
    return jsonify({"stored": os.path.basename(dest), "thumbnail": os.path.basename(thumb)}), 201


@bp.post("/medical")
def upload_medical():
    crew_id = _crew_id()
    cert = request.files["certificate"]
    name = secure_filename(cert.filename or "")
    if not name or os.path.splitext(name)[1].lower() not in ALLOWED_EXTENSIONS:
        abort(400, "unsupported file type")
    cert.save(os.path.join(_crew_dir(crew_id), name))  #@safe
    return jsonify({"stored": name}), 201


@bp.get("/scan")
def download_scan():
    crew_id = _crew_id()
    name = request.args["name"]
    return send_file(os.path.join(settings.LICENCE_SCAN_DIR, crew_id, name))  #@vuln CWE-22


@bp.get("/medical/<path:filename>")
def download_medical(filename: str):
    return send_from_directory(_crew_dir(_crew_id()), filename)  #@safe


@bp.post("/bulk")
def bulk_upload():
    crew_id = _crew_id()
    dest = _crew_dir(crew_id)
    stored = []
    with zipfile.ZipFile(request.files["archive"].stream) as archive:
        for member in archive.infolist():
            if member.is_dir():
                continue
            with open(os.path.join(dest, member.filename), "wb") as out:  #@vuln CWE-22
                out.write(archive.read(member))
            stored.append(member.filename)
    return jsonify({"stored": stored}), 201


@bp.post("/metadata")
def import_metadata():
    crew_id = _crew_id()
    meta = xmldocs.parse_licence_metadata(request.files["metadata"].stream)
    db.session.execute(
        text(
            "UPDATE crew SET licence_enc = :enc, licence_category = :cat, type_rating = :tr, "
            "licence_expiry = :exp WHERE crew_id = :id"
        ),
        {
            "enc": security.encrypt_licence_number(meta["licence_number"]),
            "cat": meta["category"],
            "tr": meta["type_rating"],
            "exp": meta["expiry"] or None,
            "id": crew_id,
        },
    )
    db.session.commit()
    return jsonify({"holder": meta["holder_name"], "category": meta["category"]})


@bp.post("/verify")
def verify_with_authority():
    _crew_id()
    registry = request.form["registry_url"].rstrip("/")
    number = request.form["licence_number"]
    resp = requests.get(f"{registry}/api/v1/licences/{number}", timeout=10)  #@vuln CWE-918
    if resp.status_code == 404:
        return jsonify({"valid": False}), 200
    resp.raise_for_status()
    data = resp.json()
    return jsonify({"valid": data.get("status") == "VALID", "expiry": data.get("expiry")})
