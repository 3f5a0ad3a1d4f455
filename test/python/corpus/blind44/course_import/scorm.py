"""SCORM 1.2 / 2004 and legacy LearnHub package import.

Unpacks the archive, parses imsmanifest.xml and returns the SCOs to register.
"""
import hashlib
import logging
import os
import pickle
import shutil
import tarfile
import zipfile

from lxml import etree

log = logging.getLogger(__name__)

NS = {
    "imscp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
MAX_MEMBERS = 5000
MAX_UNPACKED = 1024 ** 3


class PackageError(Exception):
    pass


def extract_package(archive_path, dest):
    """SCORM packages from authoring tools (Articulate, Captivate, iSpring)."""
    with zipfile.ZipFile(archive_path) as zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS:
            raise PackageError("too many files in package")
        for member in members:
            if member.is_dir():
                continue
            target = os.path.join(dest, member.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)


def extract_assets(archive_path, dest):
    """Asset bundles for the media library (images, PDFs) - size and path checked."""
    root = os.path.realpath(dest)
    total = 0
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.infolist():
            total += member.file_size
            if total > MAX_UNPACKED:
                raise PackageError("bundle too large once unpacked")
            target = os.path.realpath(os.path.join(root, member.filename))
            if not target.startswith(root + os.sep):
                raise PackageError(f"illegal path in bundle: {member.filename}")
            if member.is_dir():
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as out:  #@safe
                shutil.copyfileobj(src, out)


def extract_tarball(archive_path, dest):
    """Open edX style course exports (course.tar.gz)."""
    with tarfile.open(archive_path, "r:*") as tf:
        tf.extractall(dest)  #@vuln CWE-22


def load_legacy_export(archive_path):
    """LearnHub 2.x exported courses as a pickled dict inside the zip."""
    with zipfile.ZipFile(archive_path) as zf, zf.open("course.pkl") as fh:
        return pickle.load(fh)  #@vuln CWE-502


def parse_manifest(package_dir):
    path = os.path.join(package_dir, "imsmanifest.xml")
    if not os.path.exists(path):
        raise PackageError("imsmanifest.xml missing")
    # Some authoring tools reference shared entity files for titles, so entities stay on.
    tree = etree.parse(path, etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False))  #@vuln CWE-611
    root = tree.getroot()
    ns = {"imscp": root.nsmap.get(None, NS["imscp"]), "adlcp": NS["adlcp"]}
    resources = {r.get("identifier"): r for r in root.iterfind(".//imscp:resources/imscp:resource", ns)}
    scos = []
    for item in root.iterfind(".//imscp:organization//imscp:item", ns):
        res = resources.get(item.get("identifierref"))
        if res is None or not res.get("href"):
            continue
        title = item.findtext("imscp:title", default="Untitled", namespaces=ns)
        scos.append({"identifier": item.get("identifier"), "title": title.strip(), "href": res.get("href")})
    return scos


def read_metadata(xml_bytes):
    """Optional LOM metadata shipped next to the manifest."""
    root = etree.fromstring(xml_bytes, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))  #@safe
    return {el.tag.split("}")[-1]: (el.text or "").strip() for el in root.iter() if len(el) == 0}


def launch_checksum(package_dir, launch_href):
    """Stored so we can tell when an updated package changed the launch page."""
    with open(os.path.join(package_dir, launch_href), "rb") as fh:  #@vuln CWE-22
        return hashlib.sha256(fh.read()).hexdigest()
