"""E-learning course portal: lesson pages, certificates and LTI imports (Flask)."""
import io
import marshal
import os
import xml.sax
from urllib.parse import urlparse

import requests
from flask import Blueprint, Markup, abort, current_app, make_response, redirect, render_template, render_template_string, request
from markupsafe import escape
from sqlalchemy import text

from .db import db
from .models import Course, Enrollment

bp = Blueprint("courses", __name__, url_prefix="/courses")

TRUSTED_LTI_HOSTS = frozenset({"lti.moodle.example", "tools.canvas.example"})
CERT_TEMPLATE = "<h1>Certificate</h1><p>Awarded to {{ learner }} for {{ course }}</p>"


class ManifestHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.items = []

    def startElement(self, name, attrs):
        if name == "item":
            self.items.append(attrs.get("identifier"))


def _download(url: str) -> bytes:
    return requests.get(url, timeout=15).content  #@vuln CWE-918


def _download_trusted(url: str) -> bytes:
    host = urlparse(url).hostname
    if host not in TRUSTED_LTI_HOSTS:
        raise PermissionError(host)
    return requests.get(url, timeout=15).content  #@safe


@bp.get("/<int:course_id>/lesson")
def lesson(course_id: int):
    heading = request.args.get("heading", "Lesson")
    course = Course.query.get_or_404(course_id)
    page = render_template_string("<h1>" + heading + "</h1>{{ body }}", body=course.body)  #@vuln CWE-1336|CWE-79|CWE-94
    return page


@bp.get("/<int:course_id>/certificate")
def certificate(course_id: int):
    learner = request.args.get("learner", "")
    course = Course.query.get_or_404(course_id)
    return render_template_string(CERT_TEMPLATE, learner=learner, course=course.title)  #@safe


@bp.get("/<int:course_id>/notice")
def notice(course_id: int):
    msg = request.args.get("msg", "")
    banner = Markup(f"<div class='notice'>{msg}</div>")  #@vuln CWE-79
    return render_template("course.html", banner=banner)


@bp.get("/<int:course_id>/notice-safe")
def notice_safe(course_id: int):
    msg = request.args.get("msg", "")
    banner = Markup("<div class='notice'>{}</div>").format(msg)  #@safe
    return render_template("course.html", banner=banner)


@bp.get("/search")
def search():
    q = request.args.get("q", "")
    resp = make_response("<p>No courses matched <b>" + q + "</b></p>")  #@vuln CWE-79
    return resp


@bp.get("/search-safe")
def search_safe():
    q = request.args.get("q", "")
    resp = make_response(f"<p>No courses matched <b>{escape(q)}</b></p>")  #@safe
    return resp


@bp.get("/catalogue")
def catalogue():
    tag = request.args.get("tag", "")
    rows = db.session.execute(text("SELECT id, title FROM courses WHERE tags LIKE '%" + tag + "%'"))  #@vuln CWE-89
    return {"courses": [dict(r._mapping) for r in rows]}


@bp.get("/catalogue-safe")
def catalogue_safe():
    tag = request.args.get("tag", "")
    rows = Course.query.filter(Course.tags.contains(tag)).all()  #@safe
    return {"courses": [c.id for c in rows]}


@bp.post("/import/lti")
def import_lti():
    manifest_url = request.form["manifest_url"]
    raw = _download(manifest_url)
    handler = ManifestHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)  #@vuln CWE-611
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(raw))
    return {"items": handler.items}


@bp.post("/import/lti-trusted")
def import_lti_trusted():
    raw = _download_trusted(request.form["manifest_url"])
    handler = ManifestHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, False)  #@safe
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(raw))
    return {"items": handler.items}


@bp.post("/progress/restore")
def restore_progress():
    blob = request.files["snapshot"].read()
    progress = marshal.loads(blob)  #@vuln CWE-502
    Enrollment.restore(progress)
    return {"ok": True}


@bp.get("/enroll/continue")
def continue_after_enroll():
    dest = request.args.get("return_to") or "/courses"
    return redirect(dest)  #@vuln CWE-601


@bp.get("/attachments/<path:fname>")
def attachment(fname):
    folder = current_app.config["ATTACHMENTS_DIR"]
    with open(folder + "/" + fname, "rb") as fh:  #@vuln CWE-22
        data = fh.read()
    resp = make_response(data)
    resp.headers["Content-Type"] = "application/octet-stream"
    return resp
