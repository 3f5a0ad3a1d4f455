"""Thin wrappers around tesseract / ImageMagick used by the intake tasks."""
import logging
import os
import subprocess

log = logging.getLogger(__name__)

SUPPORTED_LANGS = {"eng", "spa", "fra", "deu", "por"}


def tesseract_version():
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True)  #@safe
    return out.stdout.splitlines()[0]


def normalise_image(image_path):
    """Deskew and convert to greyscale so tesseract copes with phone photos."""
    out_path = os.path.splitext(image_path)[0] + "-norm.png"
    rc = os.system("convert '%s' -colorspace Gray -deskew 40%% '%s'" % (image_path, out_path))  #@vuln CWE-78
    if rc != 0:
        log.warning("convert failed for %s (rc=%s)", image_path, rc)
        return image_path
    return out_path


def run_ocr(image_path, lang="eng", psm=3):
    out_base = os.path.splitext(image_path)[0]
    cmd = f"tesseract {image_path} {out_base} -l {lang} --psm {psm}"
    subprocess.run(cmd, shell=True, check=True, timeout=300)  #@vuln CWE-78
    with open(out_base + ".txt", encoding="utf-8", errors="replace") as fh:
        return fh.read()


def run_ocr_pdf(image_path, lang="eng"):
    if lang not in SUPPORTED_LANGS:
        lang = "eng"
    out_base = os.path.splitext(image_path)[0]
    subprocess.run(["tesseract", image_path, out_base, "-l", lang, "pdf"], check=True, timeout=300)  #@safe
    return out_base + ".pdf"
