"""Artifact storage for runs: ARTIFACT_ROOT/<run_id>/artifacts/..."""
import logging
import os
import tarfile
from pathlib import Path

import defusedxml.ElementTree as DefusedET
from lxml import etree
from werkzeug.utils import safe_join

from common import settings

log = logging.getLogger(__name__)


def _run_dir(run_id: str) -> str:
    return os.path.join(settings.ARTIFACT_ROOT, run_id, "artifacts")


def open_artifact(run_id: str, rel_path: str):
    full = os.path.join(_run_dir(run_id), rel_path)
    log.debug("opening artifact %s", full)
    return open(full, "rb")  #@vuln CWE-22


def checked_artifact_path(run_id: str, rel_path: str) -> str:
    base = safe_join(str(settings.ARTIFACT_ROOT), run_id, "artifacts")
    joined = safe_join(base, rel_path) if base else None
    if joined is None or not os.path.isfile(joined):
        raise FileNotFoundError(rel_path)
    return joined


def list_artifacts(run_id: str, prefix: str = "") -> list[dict]:
    base = os.path.realpath(_run_dir(run_id))
    target = os.path.realpath(os.path.join(base, prefix))
    if target != base and not target.startswith(base + os.sep):
        raise ValueError("prefix escapes the run directory")
    entries = []
    for name in sorted(os.listdir(target)):  #@safe
        full = os.path.join(target, name)
        entries.append({"path": os.path.relpath(full, base), "is_dir": os.path.isdir(full), "size": os.path.getsize(full)})
    return entries


def unpack_bundle(run_id: str, fileobj) -> Path:
    """Clients (mlflow-style) upload a whole artifact dir as a .tar.gz."""
    dest = Path(_run_dir(run_id))
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=fileobj, mode="r:gz") as tar:
        tar.extractall(dest)  #@vuln CWE-22
    return dest


def unpack_bundle_strict(run_id: str, fileobj) -> Path:
    """Same as unpack_bundle but for the public upload endpoint."""
    dest = Path(_run_dir(run_id))
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=fileobj, mode="r:gz") as tar:
        tar.extractall(dest, filter="data")  #@safe
    return dest


def parse_pmml_header(data: bytes) -> dict:
    """PMML models: pull app/version info out of the header for the UI."""
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    root = etree.fromstring(data, parser)  #@vuln CWE-611
    ns = {"p": root.nsmap.get(None, "")}
    header = root.find("p:Header", ns)
    app = header.find("p:Application", ns) if header is not None else None
    return {
        "description": header.get("description") if header is not None else None,
        "application": app.get("name") if app is not None else None,
        "version": app.get("version") if app is not None else None,
    }


def parse_onnx_manifest(data: bytes) -> dict:
    root = DefusedET.fromstring(data)  #@safe
    return {child.tag: (child.text or "").strip() for child in root}
