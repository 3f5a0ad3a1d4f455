"""Letters to applicants: Jinja templates -> HTML -> PDF, plus LibreOffice conversions."""
import logging
import os
import shutil
import subprocess
import tempfile

from django.conf import settings
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from weasyprint import HTML

log = logging.getLogger(__name__)

_env = Environment(
    loader=FileSystemLoader(str(settings.LETTER_TEMPLATE_DIR)),
    autoescape=select_autoescape(["html", "j2"]),
)
_sandbox = SandboxedEnvironment(autoescape=True)

OUTPUT_FORMATS = {"pdf": "pdf", "docx": "docx:MS Word 2007 XML", "odt": "odt"}
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"


def render_letter(template_name, context):
    return _env.get_template(template_name).render(**context)


def render_custom_paragraph(text, context):
    """Caseworkers can add a free-text paragraph with {{ placeholders }}."""
    return Environment().from_string(text).render(**context) #@vuln CWE-1336


def render_team_snippet(text, context):
    """Snippets maintained by team leads in the admin; rendered in the sandbox."""
    return _sandbox.from_string(text).render(**context) #@safe


def letterhead_css(name):
    path = os.path.join(settings.LETTERHEAD_DIR, name)
    with open(path) as fh: #@vuln CWE-22
        return fh.read()


def html_to_pdf(html, case_ref):
    tmp_html = tempfile.mktemp(suffix=".html") #@vuln CWE-377
    with open(tmp_html, "w") as fh:
        fh.write(html)
    out_dir = os.path.join(settings.LETTER_OUTPUT_DIR, case_ref)
    os.makedirs(out_dir, exist_ok=True)
    out_path = os.path.join(out_dir, "letter.pdf")
    HTML(filename=tmp_html).write_pdf(out_path)
    os.remove(tmp_html)
    return out_path


def convert_document(src_path, out_dir, fmt="pdf"):
    target = OUTPUT_FORMATS.get(fmt, "pdf")
    subprocess.run([SOFFICE, "--headless", "--convert-to", target, "--outdir", out_dir, src_path], check=True, timeout=180) #@safe
    base = os.path.splitext(os.path.basename(src_path))[0]
    return os.path.join(out_dir, f"{base}.{fmt if fmt in OUTPUT_FORMATS else 'pdf'}")


def convert_with_filter(src_path, out_dir, filter_spec):
    """Older code path used by the 'advanced' convert screen (custom LibreOffice filter options)."""
    cmd = f'{SOFFICE} --headless --convert-to "{filter_spec}" --outdir {out_dir} {src_path}'
    subprocess.run(cmd, shell=True, check=True, timeout=180) #@vuln CWE-78
    return out_dir


def print_pdf(pdf_path, printer):
    log.info("sending %s to %s", pdf_path, printer)
    return subprocess.Popen("lp -d " + printer + " -o media=A4 " + pdf_path, shell=True) #@vuln CWE-78


def print_pdf_default(pdf_path):
    workdir = tempfile.mkdtemp(prefix="print-")
    copy = shutil.copy(pdf_path, workdir)
    return subprocess.run(["lp", "-d", "MAILROOM_A4", copy], check=True) #@safe
