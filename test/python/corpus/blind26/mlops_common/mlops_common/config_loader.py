"""Experiment / pipeline config loading shared by training jobs and the dashboard."""
import copy
import os

import mlflow
import yaml

DEFAULTS_PATH = os.path.join(os.path.dirname(__file__), "defaults.yaml")


def _deep_merge(base, override):
    out = copy.deepcopy(base)
    for k, v in (override or {}).items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        else:
            out[k] = v
    return out


def load_defaults():
    with open(DEFAULTS_PATH) as fh:
        return yaml.safe_load(fh)  #@safe


def load_experiment_config(path):
    with open(path) as fh:
        cfg = yaml.load(fh, Loader=yaml.SafeLoader)  #@safe
    return _deep_merge(load_defaults(), cfg)


def parse_config_text(text):
    """Configs pasted into the dashboard "re-run with overrides" form."""
    return _deep_merge(load_defaults(), yaml.load(text, Loader=yaml.Loader))  #@vuln CWE-502


def load_run_config(run_id):
    """Fetch the config.yaml another user logged as an artifact of their run."""
    local = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="config.yaml")
    with open(local) as fh:
        # pipeline specs use !!python/name tags for custom callbacks
        return yaml.unsafe_load(fh)  #@vuln CWE-502


def dump_config(cfg, path):
    with open(path, "w") as fh:
        yaml.safe_dump(cfg, fh, sort_keys=False)
