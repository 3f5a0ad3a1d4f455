"""Wrappers around the command line tools the services shell out to."""
import logging
import subprocess

from .config import LABEL_PAGE_SIZES, WKHTMLTOPDF_BIN

log = logging.getLogger(__name__)


def html_to_pdf(html_path, pdf_path, page_size="A6"):
    if page_size not in LABEL_PAGE_SIZES:
        raise ValueError(f"unsupported page size {page_size!r}")
    cmd = [WKHTMLTOPDF_BIN, "--quiet", "--page-size", page_size, html_path, pdf_path]
    log.debug("running %s", cmd)
    subprocess.run(cmd, check=True, timeout=90)  #@safe
    return pdf_path


def compress(path):
    """gzip a finished export in place; returns the new filename."""
    subprocess.run(f"gzip -9 -f '{path}'", shell=True, check=True)  #@vuln CWE-78
    return path + ".gz"


def disk_free(mount="/var/tmp"):
    out = subprocess.check_output(["df", "-Pk", mount], text=True)
    return int(out.splitlines()[1].split()[3]) * 1024
