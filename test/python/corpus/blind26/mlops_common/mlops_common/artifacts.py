"""Helpers for MLflow artifacts: bundle extraction and model loading."""
import logging
import os
import pickle
import tarfile
import zipfile

import mlflow
import mlflow.pyfunc
from mlflow.tracking import MlflowClient

log = logging.getLogger(__name__)
SCRATCH = os.environ.get("ARTIFACT_SCRATCH", "/srv/mlops/scratch")
client = MlflowClient()


def extract_bundle(zip_path, dest):
    """Unpack a model bundle zip, preserving the layout and file permissions."""
    os.makedirs(dest, exist_ok=True)
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            target = os.path.join(dest, info.filename)
            if info.is_dir():
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:  #@vuln CWE-22
                out.write(src.read())
            os.chmod(target, (info.external_attr >> 16) & 0o755 or 0o644)
    return dest


def extract_bundle_stdlib(zip_path, dest):
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(dest)  #@safe
    return dest


def extract_dataset(tar_path, dest):
    with tarfile.open(tar_path, "r:*") as tf:
        tf.extractall(dest)  #@vuln CWE-22
    return dest


def extract_dataset_checked(tar_path, dest):
    with tarfile.open(tar_path, "r:*") as tf:
        tf.extractall(dest, filter="data")  #@safe
    return dest


def load_model_from_uri(model_uri):
    """model_uri like runs:/<run_id>/model or models:/<name>/<stage>."""
    return mlflow.pyfunc.load_model(model_uri)  #@vuln CWE-502


def load_run_pickle(run_id, name="preprocessor.pkl"):
    local = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path=name, dst_path=SCRATCH)
    with open(local, "rb") as fh:
        return pickle.load(fh)  #@vuln CWE-502


def artifact_local_path(run_id, relative):
    return os.path.join(SCRATCH, run_id, relative)
