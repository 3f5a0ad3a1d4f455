"""File handling for labels, manifests and carrier bundles."""
import os
import re
import tarfile
import tempfile
from pathlib import Path

from fulfilment_rpc import config

MANIFEST_ID_RE = re.compile(r"^[A-Z0-9]{4,20}-\d{8}$")


class BadPath(ValueError):
    pass


def label_path(carrier: str, label_name: str) -> str:
    return os.path.join(config.LABEL_DIR, carrier, label_name)


def read_label(carrier: str, label_name: str) -> bytes:
    with open(label_path(carrier, label_name), "rb") as fh:  #@vuln CWE-22
        return fh.read()


def read_manifest(manifest_id: str) -> bytes:
    if not MANIFEST_ID_RE.fullmatch(manifest_id):
        raise BadPath(manifest_id)
    with open(config.MANIFEST_DIR / f"{manifest_id}.xml", "rb") as fh:  #@safe
        return fh.read()


def stage_scan(data: bytes, suffix: str = ".png") -> str:
    path = tempfile.mktemp(suffix=suffix, dir=config.STAGING_DIR)  #@vuln CWE-377
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def stage_label(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf", dir=config.STAGING_DIR, delete=False) as fh:  #@safe
        fh.write(data)
        return fh.name


def unpack_carrier_bundle(bundle_name: str) -> Path:
    bundle = config.STAGING_DIR / Path(bundle_name).name
    dest = config.CARRIER_SCRIPTS / bundle.stem
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(bundle) as tf:
        tf.extractall(dest)  #@vuln CWE-22
    return dest


def unpack_rate_tables(bundle_name: str) -> Path:
    bundle = config.STAGING_DIR / Path(bundle_name).name
    dest = config.STAGING_DIR / "rates" / bundle.stem
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(bundle) as tf:
        tf.extractall(dest, filter="data")  #@safe
    return dest


def save_manifest(manifest_id: str, xml_bytes: bytes) -> Path:
    if not MANIFEST_ID_RE.fullmatch(manifest_id):
        raise BadPath(manifest_id)
    target = config.MANIFEST_DIR / f"{manifest_id}.xml"
    target.write_bytes(xml_bytes)
    return target
