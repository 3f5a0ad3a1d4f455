"""Assignment submission upload, retrieval and run requests."""
import os
import shutil
import subprocess
import tempfile

from flask import Blueprint, abort, current_app, jsonify, request, send_file
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename

from api.db import Assignment, Submission, db, is_enrolled
from core import storage
from core.security import submission_receipt
from runner.worker import enqueue_run

bp = Blueprint("submissions", __name__)

ALLOWED_EXTENSIONS = {".py", ".java", ".c", ".cpp", ".zip", ".tar.gz", ".ipynb"}


def _extension(filename):
    if filename.endswith(".tar.gz"):
        return ".tar.gz"
    return os.path.splitext(filename)[1].lower()


def _assignment_for_user(assignment_id):
    assignment = db.session.get(Assignment, assignment_id) or abort(404)
    if not is_enrolled(current_user.id, assignment.course_id):
        abort(403)
    return assignment


def _store(assignment, local_path, filename):
    with open(local_path, "rb") as fh:
        data = fh.read()
    key = storage.submission_key(assignment.course_id, assignment.id, current_user.id, filename)
    with open(local_path, "rb") as fh:
        storage.upload_submission(fh, key)
    submission = Submission(
        user_id=current_user.id,
        assignment_id=assignment.id,
        s3_key=key,
        filename=filename,
        receipt=submission_receipt(data, current_user.id),
    )
    db.session.add(submission)
    db.session.commit()
    return submission


@bp.post("/assignments/<int:assignment_id>/submit")
@login_required
def submit(assignment_id):
    assignment = _assignment_for_user(assignment_id)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return jsonify(error="no file"), 400
    filename = secure_filename(upload.filename)
    if _extension(filename) not in ALLOWED_EXTENSIONS:
        return jsonify(error="unsupported file type"), 400
    staging = os.path.join(current_app.config["UPLOAD_ROOT"], str(current_user.id))
    os.makedirs(staging, exist_ok=True)
    local_path = os.path.join(staging, filename)
    upload.save(local_path)  #@safe
    submission = _store(assignment, local_path, filename)
    enqueue_run(submission.id, assignment.language, request.form.get("outcome_url"))
    return jsonify(id=submission.id, receipt=submission.receipt), 201


@bp.post("/assignments/<int:assignment_id>/attachments")
@login_required
def add_attachment(assignment_id):
    assignment = _assignment_for_user(assignment_id)
    upload = request.files["attachment"]
    folder = request.form.get("folder", "notes")
    attach_dir = os.path.join(current_app.config["UPLOAD_ROOT"], str(current_user.id), "attachments")
    os.makedirs(attach_dir, exist_ok=True)
    upload.save(os.path.join(attach_dir, folder, upload.filename))  #@vuln CWE-22
    return jsonify(assignment=assignment.id, saved=upload.filename), 201


@bp.post("/assignments/<int:assignment_id>/submit-repo")
@login_required
def submit_from_repo(assignment_id):
    assignment = _assignment_for_user(assignment_id)
    repo_url = request.json.get("repo_url", "")
    branch = request.json.get("branch", "main")
    if not repo_url.startswith(("https://github.com/", "https://gitlab.example.edu/")):
        return jsonify(error="unsupported host"), 400
    workdir = tempfile.mkdtemp(prefix="lh-repo-")
    try:
        subprocess.run(  #@vuln CWE-78
            f"git clone --depth 1 --branch {branch} {repo_url} {workdir}/src",
            shell=True,
            check=True,
            timeout=120,
        )
        archive = shutil.make_archive(os.path.join(workdir, "submission"), "zip", os.path.join(workdir, "src"))
        submission = _store(assignment, archive, "submission.zip")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    enqueue_run(submission.id, assignment.language, request.json.get("outcome_url"))
    return jsonify(id=submission.id), 201


@bp.get("/submissions/<int:submission_id>/file")
@login_required
def download(submission_id):
    submission = db.session.get(Submission, submission_id) or abort(404)
    if submission.user_id != current_user.id and current_user.role not in {"instructor", "admin"}:
        abort(403)
    tmp = tempfile.NamedTemporaryFile(prefix="lh-dl-", delete=False)
    tmp.close()
    storage.download_submission(submission.s3_key, tmp.name)
    return send_file(tmp.name, as_attachment=True, download_name=submission.filename)
