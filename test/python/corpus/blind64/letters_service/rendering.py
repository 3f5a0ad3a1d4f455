"""Letter rendering (Jinja2 for HTML bodies, WeasyPrint for PDFs) and PDF staging/upload to S3."""
import os
import tempfile
from urllib.parse import urlparse

import boto3
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from weasyprint import HTML, default_url_fetcher

from .config import Config

letter_env = Environment(loader=FileSystemLoader(Config.TEMPLATE_DIR), autoescape=False)  #@vuln CWE-79
email_env = Environment(loader=FileSystemLoader(Config.TEMPLATE_DIR), autoescape=select_autoescape(["html", "xml"]))  #@safe
_sandbox = SandboxedEnvironment(autoescape=True)


def currency(value):
    return "${:,.2f}".format(float(value))


letter_env.filters["currency"] = currency
email_env.filters["currency"] = currency
_sandbox.filters["currency"] = currency


def render_letter(template_name, context):
    return letter_env.get_template(template_name).render(**context)


def render_email(template_name, context):
    return email_env.get_template(template_name).render(**context)


def render_adjuster_template(source, context):
    """Render a letter body an adjuster typed into the template editor."""
    return Environment().from_string(source).render(**context)  #@vuln CWE-1336


def render_editor_preview(source, context):
    return _sandbox.from_string(source).render(**context)  #@safe


def _letterhead_fetcher(url, timeout=10, ssl_context=None):
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.hostname in Config.LETTERHEAD_HOSTS:
        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)  #@safe
    raise ValueError(f"letterhead asset host not allowed: {parsed.hostname}")


def html_to_pdf(html, base_url=None):
    return HTML(string=html, base_url=base_url, url_fetcher=_letterhead_fetcher).write_pdf()


def pdf_from_url(source_url):
    return HTML(url=source_url).write_pdf()  #@vuln CWE-918

_s3 = boto3.client("s3", region_name=Config.AWS_REGION, **Config.AWS_CREDENTIALS)


def stage_pdf(pdf_bytes):
    path = tempfile.mktemp(suffix=".pdf", prefix="letter-")  #@vuln CWE-377
    with open(path, "wb") as fh:
        fh.write(pdf_bytes)
    return path


def stage_pdf_for_batch(pdf_bytes):
    with tempfile.NamedTemporaryFile(suffix=".pdf", prefix="batch-", delete=False) as fh:  #@safe
        fh.write(pdf_bytes)
        return fh.name


def upload_letter(local_path, claim_number, letter_type):
    key = f"letters/{claim_number}/{letter_type}.pdf"
    _s3.upload_file(local_path, Config.S3_BUCKET, key, ExtraArgs={"ContentType": "application/pdf"})
    os.unlink(local_path)
    return key


def presigned_letter_url(key, expires=900):
    return _s3.generate_presigned_url("get_object", Params={"Bucket": Config.S3_BUCKET, "Key": key}, ExpiresIn=expires)
