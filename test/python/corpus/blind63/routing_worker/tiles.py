"""Download and unpack map tile bundles (vector tiles, elevation, customer overlays)."""
import logging
import os
import re
import shelve
import shutil
import tarfile
import tempfile
import urllib.request
import zipfile
from urllib.parse import urlparse

import httpx

log = logging.getLogger("routing.tiles")

TILE_ROOT = os.environ.get("TILE_ROOT", "/srv/tiles")
MIRROR_HOSTS = {"tiles.haulwise.io", "tiles-eu.haulwise.io", "download.geofabrik.de"}
CHUNK = 1 << 20


def _download_from_mirror(url: str, dest_dir: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in MIRROR_HOSTS:
        raise ValueError(f"host {parsed.hostname!r} is not a tile mirror")
    target = os.path.join(dest_dir, "bundle")
    with httpx.stream("GET", url, timeout=120.0, follow_redirects=False) as resp:  #@safe
        resp.raise_for_status()
        with open(target, "wb") as fh:
            for chunk in resp.iter_bytes(CHUNK):
                fh.write(chunk)
    return target


def _download_overlay(url: str) -> str:
    archive = tempfile.mktemp(prefix="overlay-", suffix=".bin")  #@vuln CWE-377
    with urllib.request.urlopen(url, timeout=120) as resp, open(archive, "wb") as fh:  #@vuln CWE-918
        shutil.copyfileobj(resp, fh, CHUNK)
    return archive


def _unpack_zip_overlay(archive: str, dest: str) -> list[str]:
    written = []
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            if name.endswith("/"):
                continue
            target = os.path.join(dest, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(name) as src, open(target, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)
            written.append(target)
    return written


def _unpack_zip_checked(archive: str, dest: str) -> list[str]:
    root = os.path.realpath(dest)
    written = []
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = os.path.realpath(os.path.join(root, info.filename))
            if os.path.commonpath([root, target]) != root:
                raise ValueError(f"refusing to write outside bundle: {info.filename}")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:  #@safe
                shutil.copyfileobj(src, out)
            written.append(target)
    return written


def _unpack_tar(archive: str, dest: str, from_mirror: bool) -> None:
    with tarfile.open(archive, "r:*") as tar:
        if from_mirror:
            tar.extractall(dest, filter="data")  #@safe
        else:
            tar.extractall(dest)  #@vuln CWE-22


def _read_index(bundle_dir: str) -> dict:
    index_path = os.path.join(bundle_dir, "index")
    if not os.path.exists(index_path + ".db") and not os.path.exists(index_path):
        return {}
    with shelve.open(index_path, flag="r") as idx:  #@vuln CWE-502
        return {"layers": list(idx.get("layers", [])), "zoom": idx.get("zoom", (0, 14))}


def install_bundle(job: dict) -> dict:
    bundle_id = str(int(job["bundle_id"]))
    tenant = re.sub(r"[^a-z0-9-]", "", str(job.get("tenant", "shared")).lower()) or "shared"
    dest = os.path.join(TILE_ROOT, tenant, bundle_id)
    os.makedirs(dest, exist_ok=True)
    work = tempfile.mkdtemp(prefix="tiles-")
    try:
        if job.get("source") == "mirror":
            archive = _download_from_mirror(job["url"], work)
            if zipfile.is_zipfile(archive):
                files = _unpack_zip_checked(archive, dest)
            else:
                _unpack_tar(archive, dest, from_mirror=True)
                files = []
        else:
            archive = _download_overlay(job["url"])
            if zipfile.is_zipfile(archive):
                files = _unpack_zip_overlay(archive, dest)
            else:
                _unpack_tar(archive, dest, from_mirror=False)
                files = []
            os.unlink(archive)
        meta = _read_index(dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("installed bundle %s into %s (%d files)", bundle_id, dest, len(files))
    return {"dest": dest, "files": len(files), "index": meta}
