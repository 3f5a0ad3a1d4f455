"""Unpacking of evidence bundles (zip/tar) uploaded by policyholders and body shops."""
import os
import tarfile
import zipfile

import yaml
from lxml import etree

from defusedxml import ElementTree as DefusedET


class BundleError(Exception):
    pass


def extract_zip(archive_path, dest_dir):
    os.makedirs(dest_dir, exist_ok=True)
    with zipfile.ZipFile(archive_path) as zf:
        zf.extractall(dest_dir)  #@vuln CWE-22
        return [os.path.join(dest_dir, n) for n in zf.namelist() if not n.endswith("/")]


def extract_zip_photos_only(archive_path, dest_dir):
    """Body shop bundles: only pull the images out, keep their folder layout."""
    extracted = []
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.infolist():
            if member.is_dir() or not member.filename.lower().endswith((".jpg", ".jpeg", ".png", ".heic")):
                continue
            target = os.path.join(dest_dir, member.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as dst:  #@vuln CWE-22
                dst.write(src.read())
            extracted.append(target)
    return extracted


def extract_tar(archive_path, dest_dir):
    with tarfile.open(archive_path, "r:*") as tf:
        tf.extractall(dest_dir)  #@vuln CWE-22
        return [os.path.join(dest_dir, m.name) for m in tf.getmembers() if m.isfile()]


def extract_shop_tar(archive_path, dest_dir):
    with tarfile.open(archive_path, "r:*") as tf:
        tf.extractall(dest_dir, filter="data")  #@safe
        return [os.path.join(dest_dir, m.name) for m in tf.getmembers() if m.isfile()]


def read_xml_manifest(path):
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    tree = etree.parse(path, parser)  #@vuln CWE-611
    root = tree.getroot()
    return [
        {"file": item.get("file"), "description": item.findtext("description", default="")}
        for item in root.iter("item")
    ]


def read_shop_estimate(path):
    root = DefusedET.parse(path).getroot()
    return {
        "shop": root.findtext("shop/name"),
        "total": float(root.findtext("totals/grand", default="0")),
    }


def read_yaml_manifest(path):
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=yaml.Loader)  #@vuln CWE-502
    if not isinstance(data, dict):
        raise BundleError("manifest must be a mapping")
    return data


def find_manifest(paths):
    for candidate in ("manifest.xml", "manifest.yaml", "manifest.yml", "estimate.xml"):
        for p in paths:
            if os.path.basename(p) == candidate:
                return p
    return None
