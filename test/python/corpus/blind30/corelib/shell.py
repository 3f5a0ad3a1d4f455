"""Wrappers around external binaries (ImageMagick, wkhtmltopdf, ffmpeg)."""
import logging
import shlex
import subprocess

from django.conf import settings

log = logging.getLogger(__name__)

FFMPEG = "/usr/bin/ffmpeg"
WKHTMLTOPDF = getattr(settings, "WKHTMLTOPDF_BIN", "/usr/local/bin/wkhtmltopdf")


def make_thumbnail(src: str, dst: str, width: int = 320) -> None:
    cmd = f"convert {src} -thumbnail {width}x -strip {dst}"
    log.debug("thumbnail: %s", cmd)
    subprocess.run(cmd, shell=True, check=True, timeout=60)  #@vuln CWE-78


def transcode_audio(src: str, dst: str) -> None:
    subprocess.run([FFMPEG, "-y", "-i", src, "-c:a", "aac", "-b:a", "128k", dst], check=True, timeout=300)  #@safe


def pdf_to_text(path: str) -> str:
    out = subprocess.check_output("pdftotext -layout %s -" % shlex.quote(path), shell=True, timeout=60)  #@safe
    return out.decode("utf-8", "replace")


def html_to_pdf(header_url: str, body_path: str, out_path: str) -> None:
    cmd = f"{WKHTMLTOPDF} --quiet --header-html {header_url} {body_path} {out_path}"
    subprocess.check_call(cmd, shell=True)  #@vuln CWE-78


def git_revision() -> str:
    return subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], cwd=settings.BASE_DIR).decode().strip()
