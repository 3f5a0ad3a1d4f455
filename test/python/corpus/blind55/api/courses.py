"""Course catalogue, syllabus pages, materials and grade calculation."""
import os
import re

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    make_response,
    render_template_string,
    request,
    send_file,
    send_from_directory,
)
from flask_login import current_user, login_required
from markupsafe import escape
from sqlalchemy import text

from api import db as repo
from api.db import Course, Submission, db
from core.netutil import download_course_asset
from core.security import cache_key

bp = Blueprint("courses", __name__)

ANNOUNCEMENT_TEMPLATE = """
<div class="announcement">
  <h3>{{ course.title }}</h3>
  <p>{{ text }}</p>
</div>
"""


def _find_course(slug):
    return Course.query.filter_by(slug=slug).first()


@bp.get("/")
@login_required
def dashboard():
    courses = Course.query.order_by(Course.title).limit(50).all()
    return jsonify([{"slug": c.slug, "title": c.title} for c in courses])


@bp.get("/search")
def search():
    term = request.args.get("q", "")
    sort = request.args.get("sort", "title")
    rows = repo.search_courses(term, sort)
    return jsonify([dict(r) for r in rows])


@bp.get("/<slug>/syllabus")
def syllabus(slug):
    course = _find_course(slug)
    if course is None:
        return make_response("<h2>No course called %s</h2>" % slug, 404)  #@vuln CWE-79
    highlight = request.args.get("highlight", "")
    body = f"<h1>{escape(course.title)}</h1><div class='syllabus'>{escape(course.description)}</div>"
    if highlight:
        body += f"<p class='hint'>Showing sections matching <mark>{highlight}</mark></p>"
    return body  #@vuln CWE-79


@bp.post("/<slug>/announcement/preview")
@login_required
def announcement_preview(slug):
    course = _find_course(slug) or abort(404)
    text = request.form.get("text", "")
    return render_template_string(ANNOUNCEMENT_TEMPLATE, course=course, text=text)  #@safe


@bp.post("/<slug>/banner/preview")
@login_required
def banner_preview(slug):
    course = _find_course(slug) or abort(404)
    banner = request.form.get("banner", "")
    page = "<div class='banner'>" + banner + "</div><small>{{ course.title }}</small>"
    return render_template_string(page, course=course)  #@vuln CWE-1336


@bp.post("/<int:course_id>/materials/import")
@login_required
def import_material(course_id):
    payload = request.get_json(force=True)
    source_url = payload["url"]
    resp = download_course_asset(source_url)
    dest_dir = os.path.join(current_app.config["MATERIALS_ROOT"], str(course_id))
    os.makedirs(dest_dir, exist_ok=True)
    dest = os.path.join(dest_dir, cache_key(source_url))
    with open(dest, "wb") as fh:
        for chunk in resp.iter_content(chunk_size=65536):
            fh.write(chunk)
    return jsonify(stored=os.path.basename(dest)), 201


@bp.get("/<int:course_id>/materials/<path:name>")
@login_required
def material(course_id, name):
    material_dir = os.path.join(current_app.config["MATERIALS_ROOT"], str(course_id))
    return send_from_directory(material_dir, name)  #@safe


@bp.get("/<int:course_id>/handouts")
@login_required
def handout(course_id):
    handout_dir = os.path.join(current_app.config["MATERIALS_ROOT"], str(course_id), "handouts")
    filename = request.args.get("file", "index.pdf")
    return send_file(os.path.join(handout_dir, filename))  #@vuln CWE-22


@bp.get("/<int:course_id>/grade")
@login_required
def final_grade(course_id):
    course = db.session.get(Course, course_id) or abort(404)
    formula = request.args.get("formula") or course.grading_formula or "hw * 0.4 + exam * 0.6"
    rows = (
        Submission.query.filter_by(user_id=current_user.id)
        .with_entities(Submission.assignment_id, Submission.score)
        .all()
    )
    scores = {"hw": 0.0, "exam": 0.0, "quiz": 0.0}
    for assignment_id, score in rows:
        scores["hw"] = max(scores["hw"], score or 0.0)
    grade = eval(formula, {"__builtins__": {}}, scores)  #@vuln CWE-95
    return jsonify(course=course.slug, grade=round(float(grade), 2))


@bp.get("/<int:course_id>/forum/search")
@login_required
def forum_search(course_id):
    term = request.args.get("q", "")
    use_regex = request.args.get("regex") == "1"
    if use_regex:
        matcher = re.compile(term, re.IGNORECASE)  #@vuln CWE-1333
    else:
        matcher = re.compile(re.escape(term), re.IGNORECASE)  #@safe
    posts = db.session.execute(
        text("SELECT id, author, body FROM forum_posts WHERE course_id = :cid"),
        {"cid": course_id},
    ).mappings()
    hits = [dict(p) for p in posts if matcher.search(p["body"] or "")]
    return jsonify(hits[:100])
