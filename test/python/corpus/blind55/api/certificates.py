"""Course completion certificates: Jinja2 HTML rendered to PDF with wkhtmltopdf."""
import os
import subprocess
import tempfile

from flask import Blueprint, abort, current_app, jsonify, request, send_file
from flask_login import current_user, login_required
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from markupsafe import Markup

from api.db import Certificate, Course, User, db

bp = Blueprint("certificates", __name__)

TEMPLATE_CHOICES = {"classic": "classic.html", "modern": "modern.html", "minimal": "minimal.html"}


def _env():
    return Environment(
        loader=FileSystemLoader(current_app.config["CERT_TEMPLATE_DIR"]),
        autoescape=select_autoescape(["html", "xml"]),
    )


def render_certificate_html(user, course, style="classic", footer_markup=""):
    env = _env()
    template = env.get_template(TEMPLATE_CHOICES.get(style, "classic.html"))
    wording = ""
    if course.certificate_wording:
        wording = Template(course.certificate_wording).render(student=user, course=course)  #@vuln CWE-1336
    footer = ""
    if footer_markup:
        footer = env.from_string(footer_markup).render(student=user, course=course)  #@vuln CWE-1336
    return template.render(student=user, course=course, wording=Markup(wording), footer=Markup(footer))


def html_to_pdf(html, title):
    html_file = tempfile.NamedTemporaryFile("w", suffix=".html", delete=False)  #@safe
    with html_file:
        html_file.write(html)
    pdf_path = tempfile.mktemp(suffix=".pdf", prefix="cert-")  #@vuln CWE-377
    subprocess.run(  #@safe
        ["wkhtmltopdf", "--quiet", "--page-size", "A4", "--orientation", "Landscape", html_file.name, pdf_path],
        check=True,
        timeout=60,
    )
    os.unlink(html_file.name)
    return pdf_path


def html_to_pdf_titled(html_path, pdf_path, title):
    # older wkhtmltopdf builds on the reporting hosts need the title flag for PDF metadata
    cmd = "wkhtmltopdf --quiet --title '%s' %s %s" % (title, html_path, pdf_path)
    return subprocess.call(cmd, shell=True)  #@vuln CWE-78


@bp.get("/certificates/<int:course_id>/download")
@login_required
def download_certificate(course_id):
    course = db.session.get(Course, course_id) or abort(404)
    cert = Certificate.query.filter_by(user_id=current_user.id, course_id=course_id).first() or abort(404)
    html = render_certificate_html(current_user, course, request.args.get("style", "classic"))
    pdf_path = html_to_pdf(html, f"{course.title} - {cert.holder_name}")
    return send_file(pdf_path, as_attachment=True, download_name=f"certificate-{cert.code}.pdf")


@bp.post("/certificates/<int:course_id>/preview")
@login_required
def preview_certificate(course_id):
    course = db.session.get(Course, course_id) or abort(404)
    if current_user.role not in {"instructor", "admin"}:
        abort(403)
    footer = request.form.get("footer", "")
    return render_certificate_html(current_user, course, request.form.get("style", "classic"), footer)


@bp.post("/certificates/<int:course_id>/print-batch")
@login_required
def print_batch(course_id):
    course = db.session.get(Course, course_id) or abort(404)
    if current_user.role not in {"instructor", "admin"}:
        abort(403)
    out_dir = os.path.join(current_app.config["EXPORT_ROOT"], "certificates", str(course.id))
    os.makedirs(out_dir, exist_ok=True)
    produced = []
    for cert in Certificate.query.filter_by(course_id=course.id):
        student = db.session.get(User, cert.user_id)
        html = render_certificate_html(student, course)
        html_path = os.path.join(out_dir, f"{cert.code}.html")
        with open(html_path, "w") as fh:
            fh.write(html)
        pdf_path = os.path.join(out_dir, f"{cert.code}.pdf")
        html_to_pdf_titled(html_path, pdf_path, f"Certificate - {cert.holder_name}")
        produced.append(cert.code)
    return jsonify(count=len(produced))


@bp.get("/certificates/verify")
def verify_certificate():
    code = request.args.get("code", "")
    cert = Certificate.query.filter_by(code=code).first()
    if cert is None:
        return Markup("<p class='invalid'>No certificate matches {}</p>").format(code)  #@safe
    course = db.session.get(Course, cert.course_id)
    return Markup("<p>Issued to <b>%s</b> for <i>%s</i> on %s</p>" % (cert.holder_name, course.title, cert.issued_at.date()))  #@vuln CWE-79
