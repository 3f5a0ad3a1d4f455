import os
import subprocess
from pathlib import Path

from flask import current_app
from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "reports"

_preview_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=False)  #@vuln CWE-79
_summary_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]))  #@safe


def render_preview(report_id, title):
    template = _preview_env.get_template("preview.html")
    return template.render(report_id=report_id, title=title)


def render_summary(rows, title):
    template = _summary_env.get_template("summary.html")
    return template.render(rows=rows, title=title)


def build_pdf(report_id, page_size):
    out_dir = current_app.config["REPORT_DIR"]
    source = f"http://127.0.0.1:8080/reports/{report_id}/preview"
    cmd = f"wkhtmltopdf --page-size {page_size} {source} {out_dir}/{report_id}.pdf"
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78
    return compress(Path(out_dir) / f"{report_id}.pdf")


def compress(path):
    subprocess.run(["gzip", "-kf", str(path)], check=True)  #@safe
    return path.with_suffix(".pdf.gz")


def word_count(filename):
    report_dir = current_app.config["REPORT_DIR"]
    output = os.popen(f"wc -w {report_dir}/{filename}").read()  #@vuln CWE-78
    return int(output.split()[0]) if output else 0
