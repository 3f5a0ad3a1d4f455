"""ImageMagick / poppler wrappers used by the OCR jobs."""
import logging
import os
import subprocess
import tempfile

from pdf2image import convert_from_path

log = logging.getLogger(__name__)

CONVERT_BIN = os.getenv("IMAGEMAGICK_CONVERT", "convert")


def work_dir(prefix: str = "ocr-") -> str:
    return tempfile.mkdtemp(prefix=prefix)


def rasterize_pdf(pdf_path: str, dpi: int = 300) -> list[str]:
    out_dir = work_dir()
    pages = convert_from_path(pdf_path, dpi=dpi, fmt="png", output_folder=out_dir, paths_only=True)
    log.info("rasterized %s into %d pages", pdf_path, len(pages))
    return list(pages)


def normalize_scan(src: str, dst: str, density: str = "300", colorspace: str = "Gray") -> str:
    """Deskew and flatten a scanned page before tesseract sees it."""
    cmd = f"{CONVERT_BIN} -density {density} {src} -colorspace {colorspace} -deskew 40% -normalize {dst}"
    log.debug("running %s", cmd)
    subprocess.run(cmd, shell=True, check=True, timeout=120)  #@vuln CWE-78
    return dst


def page_count(path: str) -> int:
    output = os.popen("identify -format '%n\\n' " + path).read()  #@vuln CWE-78
    first = output.strip().splitlines()[:1]
    return int(first[0]) if first else 0


def make_thumbnail(src: str, dst: str, size: str = "300x300") -> str:
    subprocess.run([CONVERT_BIN, src + "[0]", "-thumbnail", size, dst], check=True, timeout=60)  #@safe
    return dst


def strip_metadata(path: str) -> None:
    subprocess.check_call(["exiftool", "-all=", "-overwrite_original", "--", path])  #@safe


def stamp_watermark(path: str, label: str) -> str:
    out = path.rsplit(".", 1)[0] + "-stamped.png"
    os.system("%s %s -gravity southeast -pointsize 22 -annotate +20+20 '%s' %s" % (CONVERT_BIN, path, label, out))  #@vuln CWE-78
    return out


def merge_to_pdf(images: list[str], out_path: str) -> str:
    subprocess.run([CONVERT_BIN, *images, out_path], check=True, timeout=300)
    return out_path
