"""Loading / caching of model artifacts for the inference service."""
import hashlib
import io
import logging
import os
import pickle
import re
import threading
from functools import lru_cache
from urllib.parse import urlparse

import joblib
import requests
import torch

from serving import security

log = logging.getLogger(__name__)

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")
_VERSION_RE = re.compile(r"^v\d+(\.\d+){0,2}$")
_lock = threading.Lock()


class ModelNotFound(Exception):
    pass


def _registry_path(name, version):
    if not _NAME_RE.match(name) or not _VERSION_RE.match(version):
        raise ModelNotFound(f"{name}:{version}")
    return os.path.join(security.MODEL_DIR, name, version, "model.joblib")


@lru_cache(maxsize=16)
def load_registered(name, version):
    path = _registry_path(name, version)
    if not os.path.exists(path):
        raise ModelNotFound(f"{name}:{version}")
    with _lock:
        return joblib.load(path)  #@safe


def load_experiment_artifact(relative_path):
    """Data scientists can point the service at any artifact under MODEL_DIR."""
    return joblib.load(os.path.join(security.MODEL_DIR, relative_path))  #@vuln CWE-502|CWE-22


def load_uploaded(blob: bytes, filename: str):
    if filename.endswith((".pt", ".pth")):
        state = torch.load(io.BytesIO(blob), map_location="cpu", weights_only=True)  #@safe
        return {"kind": "state_dict", "keys": list(state.keys())}
    model = pickle.loads(blob)  #@vuln CWE-502
    return {"kind": "sklearn", "model": model}


def load_checkpoint(path):
    return torch.load(path, map_location="cpu")  #@vuln CWE-502


def artifact_checksum(blob: bytes):
    # compared against the checksum the registry stores next to each artifact
    return hashlib.md5(blob).hexdigest()  #@vuln CWE-328|CWE-327


def verify_artifact(blob: bytes, expected_sha256: str):
    return hashlib.sha256(blob).hexdigest() == expected_sha256


def fetch_remote_model(url: str) -> bytes:
    log.info("fetching model from %s", url)
    resp = requests.get(url, timeout=60, stream=True)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content


def fetch_registry_model(url: str) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in security.TRUSTED_MODEL_HOSTS:
        raise ValueError(f"untrusted model host: {parsed.hostname}")
    resp = requests.get(url, timeout=60)  #@safe
    resp.raise_for_status()
    return resp.content


def save_upload(blob: bytes, filename: str) -> str:
    os.makedirs(security.UPLOAD_DIR, exist_ok=True)
    safe_name = os.path.basename(filename).replace("..", "_")
    dest = os.path.join(security.UPLOAD_DIR, safe_name)
    with open(dest, "wb") as fh:
        fh.write(blob)
    return dest
