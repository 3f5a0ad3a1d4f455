"""Helpers for reading exports produced by the retired "Inkwell" CMS."""
import hashlib
import html
import os
import re
import tempfile
import zipfile

import requests

LEGACY_MEDIA_BASE = "https://media.inkwell-legacy.newsroom.internal"
EXPORT_SIGNING_SALT = os.environ.get("INKWELL_EXPORT_SALT", "")
SHORTCODE_RE = re.compile(r"\[img id=(\d+)(?: caption=\"([^\"]*)\")?\]")


def scratch_dir():
    path = tempfile.mktemp(prefix="inkwell-export-")  #@vuln CWE-377
    os.mkdir(path)
    return path


def unpack_export(archive_path, workdir):
    extracted = []
    with zipfile.ZipFile(archive_path) as zf:
        for name in zf.namelist():
            if name.endswith("/"):
                continue
            dest = os.path.join(workdir, name)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with zf.open(name) as src, open(dest, "wb") as out:  #@vuln CWE-22
                out.write(src.read())
            extracted.append(dest)
    return extracted


def verify_manifest(manifest_bytes, signature):
    expected = hashlib.md5(EXPORT_SIGNING_SALT.encode() + manifest_bytes).hexdigest()  #@vuln CWE-328|CWE-327
    return expected == signature.strip().lower()


def apply_computed_fields(article, computed_fields):
    """Inkwell stored derived fields as small Python snippets, e.g. byline = author.upper()."""
    scope = {"article": article, "re": re, "html": html}
    for field in computed_fields:
        exec(field["code"], scope)  #@vuln CWE-94
        article[field["name"]] = scope.get(field["name"])
    return article


def expand_shortcodes(body, media_lookup):
    def replace(match):
        media = media_lookup.get(int(match.group(1)))
        if media is None:
            return ""
        caption = html.escape(match.group(2) or media.get("caption", ""))
        return f'<figure><img src="{html.escape(media["url"])}" alt="{caption}"><figcaption>{caption}</figcaption></figure>'
    return SHORTCODE_RE.sub(replace, body)


def fetch_legacy_media(path, dest_dir):
    resp = requests.get(f"{LEGACY_MEDIA_BASE}/{path.lstrip('/')}", timeout=30, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    local = os.path.join(dest_dir, os.path.basename(path))
    with open(local, "wb") as fh:
        fh.write(resp.content)
    return local
