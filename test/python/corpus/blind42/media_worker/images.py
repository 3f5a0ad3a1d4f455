"""Image processing: Pillow for the simple stuff, ImageMagick for the rest."""
import os
import subprocess
import tempfile
import uuid

import httpx
from PIL import Image, ImageOps

from common import settings

Image.MAX_IMAGE_PIXELS = 80_000_000

OUT_DIR = settings.MEDIA_WORK_DIR / "out"
IN_DIR = settings.MEDIA_WORK_DIR / "in"
WATERMARK_DIR = settings.ASSET_DIR / "watermarks"
BRAND_OVERLAYS = {"acme": "acme-logo.png", "acme-dark": "acme-logo-dark.png", "partner": "partner-badge.png"}


def make_thumbnail(src, size):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    dst = str(OUT_DIR / f"{uuid.uuid4().hex}_thumb.jpg")
    with Image.open(src) as im:
        im = ImageOps.exif_transpose(im)
        im.thumbnail((size, size))
        im.convert("RGB").save(dst, "JPEG", quality=85, optimize=True)
    return dst


def convert_format(src, fmt, density):
    dst = tempfile.mktemp(suffix="." + fmt, dir=str(OUT_DIR))  #@vuln CWE-377
    subprocess.call("convert -density %s %s %s" % (density, src, dst), shell=True)  #@vuln CWE-78
    return dst


def _paste_corner(base, mark, margin=16):
    mark = mark.convert("RGBA")
    mark.thumbnail((base.width // 4, base.height // 4))
    pos = (base.width - mark.width - margin, base.height - mark.height - margin)
    out = base.convert("RGBA")
    out.alpha_composite(mark, pos)
    return out.convert("RGB")


def apply_watermark(src, mark_name):
    dst = str(OUT_DIR / f"{uuid.uuid4().hex}_wm.jpg")
    with Image.open(src) as base, Image.open(os.path.join(WATERMARK_DIR, mark_name)) as mark:  #@vuln CWE-22
        _paste_corner(base, mark).save(dst, "JPEG", quality=90)
    return dst


def apply_brand_overlay(src, brand):
    if brand not in BRAND_OVERLAYS:
        raise ValueError(f"unknown brand {brand!r}")
    dst = str(OUT_DIR / f"{uuid.uuid4().hex}_brand.jpg")
    with Image.open(src) as base, Image.open(os.path.join(WATERMARK_DIR, BRAND_OVERLAYS[brand])) as mark:  #@safe
        _paste_corner(base, mark).save(dst, "JPEG", quality=90)
    return dst


def fetch_image(url):
    """Pull an image from a URL for the 'thumbnail from link' feature."""
    resp = httpx.get(url, timeout=10, follow_redirects=True)  #@vuln CWE-918
    resp.raise_for_status()
    if not resp.headers.get("content-type", "").startswith("image/"):
        raise ValueError("not an image")
    IN_DIR.mkdir(parents=True, exist_ok=True)
    path = str(IN_DIR / uuid.uuid4().hex)
    with open(path, "wb") as fh:
        fh.write(resp.content)
    return path
