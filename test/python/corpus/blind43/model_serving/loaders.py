"""Model loading for the serving layer.

Bundles live under MODEL_ROOT/<name>/<version>/ and are uploaded by the
training jobs and by data scientists through /v1/models/.../upload.
Each bundle has a model.yaml describing the flavor and the artifact file.
"""
import io
import logging
import pickle
import threading
from pathlib import Path

import joblib
import torch
import yaml

from common import settings

log = logging.getLogger(__name__)

_CACHE: dict[str, object] = {}
_LOCK = threading.Lock()


class ModelNotFound(Exception):
    pass


def resolve_model_dir(name: str, version: str) -> Path:
    candidate = (settings.MODEL_ROOT / name / version).resolve()
    if not candidate.is_relative_to(settings.MODEL_ROOT):
        raise ModelNotFound(f"{name}:{version}")
    return candidate


def latest_version(name: str) -> str:
    model_dir = resolve_model_dir(name, ".")
    versions = sorted((p.name for p in model_dir.iterdir() if p.is_dir()), key=lambda v: [int(x) for x in v.split(".") if x.isdigit()])
    if not versions:
        raise ModelNotFound(name)
    return versions[-1]


def load_config(model_dir: Path) -> dict:
    cfg_path = model_dir / "model.yaml"
    if not cfg_path.exists():
        return {"flavor": "sklearn", "artifact": "model.joblib"}
    with open(cfg_path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}  #@safe


def _load_from_disk(model_dir: Path, cfg: dict):
    flavor = cfg.get("flavor", "sklearn")
    weights = model_dir / cfg.get("artifact", "model.joblib")
    log.info("loading %s model from %s", flavor, weights)
    if flavor == "sklearn":
        return joblib.load(weights)  #@vuln CWE-502
    if flavor == "torch":
        module = torch.jit.load(model_dir / cfg.get("graph", "model.pt"), map_location="cpu")
        state = torch.load(weights, map_location="cpu", weights_only=True)  #@safe
        module.load_state_dict(state)
        module.eval()
        return module
    if flavor == "pickle":
        with open(weights, "rb") as fh:
            return pickle.load(fh)  #@vuln CWE-502
    raise ValueError(f"unsupported flavor {flavor!r}")


def load_model(name: str, version: str = "latest"):
    if version == "latest":
        version = latest_version(name)
    key = f"{name}:{version}"
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    model_dir = resolve_model_dir(name, version)
    if not model_dir.is_dir():
        raise ModelNotFound(key)
    model = _load_from_disk(model_dir, load_config(model_dir))
    with _LOCK:
        _CACHE[key] = model
    return model


def load_from_bytes(blob: bytes, flavor: str = "pickle"):
    """Used by /v1/models/preview to try an uploaded model without persisting it."""
    if flavor == "torch":
        return torch.load(io.BytesIO(blob), map_location="cpu", weights_only=False)  #@vuln CWE-502
    return pickle.loads(blob)  #@vuln CWE-502


def load_pipeline_spec(text: str) -> dict:
    """Pipeline specs are posted as YAML; some use !!python/name tags for custom transformers."""
    return yaml.load(text, Loader=yaml.Loader)  #@vuln CWE-502


def evict(name: str) -> int:
    with _LOCK:
        keys = [k for k in _CACHE if k.split(":", 1)[0] == name]
        for k in keys:
            del _CACHE[k]
    return len(keys)
