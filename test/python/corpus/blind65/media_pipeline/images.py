"""Image ingestion and renditions for the CMS."""
import os
import tarfile
import zipfile

from PIL import Image, ImageOps

UPLOAD_ROOT = os.environ.get("MEDIA_UPLOAD_ROOT", "/srv/newsroom/media/uploads")
RENDITION_ROOT = os.environ.get("MEDIA_RENDITION_ROOT", "/srv/newsroom/media/renditions")
RENDITIONS = {
    "thumb": (320, 180),
    "card": (640, 360),
    "hero": (1600, 900),
}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def save_upload(upload, filename):
    path = os.path.join(UPLOAD_ROOT, filename)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:  #@vuln CWE-22
        for chunk in upload.chunks():
            fh.write(chunk)
    return path


def make_renditions(source_path, specs=None):
    outputs = {}
    stem = os.path.splitext(os.path.basename(source_path))[0]
    with Image.open(source_path) as original:
        original = ImageOps.exif_transpose(original).convert("RGB")
        for spec in specs or RENDITIONS:
            img = original.copy()
            img.thumbnail(RENDITIONS[spec], Image.LANCZOS)
            out_path = os.path.join(RENDITION_ROOT, spec, f"{stem}.jpg")
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            img.save(out_path, "JPEG", quality=82, optimize=True, progressive=True)
            outputs[spec] = out_path
    return outputs


def crop_to_focal_point(source_path, focal, size):
    with Image.open(source_path) as img:
        return ImageOps.fit(img, size, centering=focal)


def parse_focal_point(raw):
    x, y = eval(raw)  #@vuln CWE-95
    return max(0.0, min(1.0, float(x))), max(0.0, min(1.0, float(y)))


def import_gallery_archive(fileobj, gallery_slug):
    dest = os.path.join(UPLOAD_ROOT, "galleries", gallery_slug)
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(fileobj=fileobj, mode="r:*") as tar:
        members = [m for m in tar.getmembers() if os.path.splitext(m.name)[1].lower() in IMAGE_EXTENSIONS]
        tar.extractall(dest, members=members)  #@vuln CWE-22
    return len(members)


def import_zip_bundle(fileobj, bundle_name):
    dest = os.path.realpath(os.path.join(UPLOAD_ROOT, "bundles", os.path.basename(bundle_name)))
    os.makedirs(dest, exist_ok=True)
    count = 0
    with zipfile.ZipFile(fileobj) as zf:
        for member in zf.infolist():
            if member.is_dir() or os.path.splitext(member.filename)[1].lower() not in IMAGE_EXTENSIONS:
                continue
            target = os.path.realpath(os.path.join(dest, member.filename))
            if not target.startswith(dest + os.sep):
                raise ValueError(f"refusing to extract {member.filename!r}")
            zf.extract(member, dest)  #@safe
            count += 1
    return count
