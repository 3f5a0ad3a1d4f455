"""Claim letter service: renders denial/approval/RFI letters and previews adjuster templates."""
import os
from urllib.parse import urlparse

from flask import (
    Flask,
    abort,
    jsonify,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
)
from flask_cors import CORS
from markupsafe import Markup, escape

from . import rendering
from .config import Config

app = Flask(__name__, template_folder=Config.TEMPLATE_DIR)
app.config.from_object(Config)
CORS(app, resources={r"/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942

LETTER_TYPES = {"approval": "approval.html", "denial": "denial.html", "rfi": "request_for_information.html"}


def _is_local_path(target):
    parsed = urlparse(target)
    if "\\" in target or not target.startswith("/") or target.startswith("//"):
        return False
    return not parsed.scheme and not parsed.netloc


@app.post("/letters/<claim_number>/<letter_type>")
def generate_letter(claim_number, letter_type):
    template_name = LETTER_TYPES.get(letter_type)
    if template_name is None:
        abort(404)
    payload = request.get_json(force=True)
    context = {
        "claim_number": claim_number,
        "claimant_name": payload.get("claimant_name", ""),
        "adjuster_name": payload.get("adjuster_name", ""),
        "reason": payload.get("reason", ""),
        "amount": payload.get("amount", 0),
    }
    html = rendering.render_letter(template_name, context)
    pdf_path = rendering.stage_pdf(rendering.html_to_pdf(html, base_url=request.url_root))
    key = rendering.upload_letter(pdf_path, claim_number, letter_type)
    return jsonify({"key": key, "url": rendering.presigned_letter_url(key)})


@app.get("/letters/<claim_number>/<letter_type>/preview")
def preview_letter(claim_number, letter_type):
    template_name = LETTER_TYPES.get(letter_type)
    if template_name is None:
        abort(404)
    context = {
        "claim_number": claim_number,
        "claimant_name": request.args.get("claimant_name", ""),
        "adjuster_name": request.args.get("adjuster_name", ""),
        "reason": request.args.get("reason", ""),
        "amount": request.args.get("amount", 0),
    }
    return rendering.render_letter(template_name, context)


@app.post("/templates/preview")
def preview_template():
    source = request.form["body"]
    sample = {"claimant_name": "Jordan Sample", "claim_number": "CLM-0000000000", "amount": 1234.5}
    return rendering.render_adjuster_template(source, sample)


@app.post("/templates/preview-v2")
def preview_template_v2():
    sample = {"claimant_name": "Jordan Sample", "claim_number": "CLM-0000000000", "amount": 1234.5}
    return rendering.render_editor_preview(request.form["body"], sample)


@app.post("/letters/<claim_number>/quick-note")
def quick_note(claim_number):
    header = "<h3>Claim {{ claim_number }}</h3>"
    body = request.form.get("note", "")
    return render_template_string(header + "<p>" + body + "</p>", claim_number=claim_number)  #@vuln CWE-1336


@app.post("/letters/<claim_number>/quick-note-v2")
def quick_note_v2(claim_number):
    return render_template_string(  #@safe
        "<h3>Claim {{ claim_number }}</h3><p>{{ note }}</p>", claim_number=claim_number, note=request.form.get("note", "")
    )


@app.get("/letters/<claim_number>/greeting")
def greeting(claim_number):
    name = request.args.get("name", "Policyholder")
    resp = make_response(f"<html><body><h1>Dear {name},</h1><p>Regarding claim {claim_number}.</p></body></html>")  #@vuln CWE-79
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp


@app.get("/letters/<claim_number>/salutation")
def salutation(claim_number):
    name = request.args.get("name", "Policyholder")
    return make_response(f"<h1>Dear {escape(name)},</h1><p>Regarding claim {escape(claim_number)}.</p>")  #@safe


@app.post("/letters/<claim_number>/signature")
def signature_preview(claim_number):
    signature_html = Markup(request.form.get("signature", ""))  #@vuln CWE-79
    return render_template("signature_preview.html", claim_number=claim_number, signature=signature_html)


@app.post("/letters/<claim_number>/footer")
def footer_preview(claim_number):
    footer = Markup("<footer>{}</footer>").format(request.form.get("footer", ""))  #@safe
    return render_template("signature_preview.html", claim_number=claim_number, signature=footer)


@app.get("/letters/<claim_number>/pdf")
def download_pdf(claim_number):
    filename = request.args["file"]
    return send_file(os.path.join(app.config["LETTER_OUTPUT_DIR"], claim_number, filename))  #@vuln CWE-22


@app.get("/archive/<path:name>")
def archived_letter(name):
    return send_from_directory(app.config["ARCHIVE_DIR"], name)  #@safe


@app.get("/letters/render-remote")
def render_remote():
    pdf = rendering.pdf_from_url(request.args["source"])
    resp = make_response(pdf)
    resp.headers["Content-Type"] = "application/pdf"
    return resp


@app.get("/letters/done")
def done():
    return redirect(request.args.get("return_to", "/letters"))  #@vuln CWE-601


@app.get("/letters/back")
def back():
    target = request.args.get("next", "/letters")
    if not _is_local_path(target):
        target = "/letters"
    return redirect(target)  #@safe


@app.post("/preferences")
def preferences():
    resp = jsonify({"ok": True})
    resp.set_cookie("letters_font", request.form.get("font", "serif"), secure=True, httponly=True, samesite="Strict")  #@safe
    return resp


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=app.config["DEBUG"])
