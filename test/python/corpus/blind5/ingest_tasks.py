"""Celery tasks that ingest partner uploads."""
import base64
import logging
import marshal
import os
import pickle
import shutil
import subprocess
import tarfile
import tempfile
import zipfile

import requests
import yaml
from celery import Celery

log = logging.getLogger(__name__)
celery_app = Celery("ingest", broker=os.environ.get("BROKER_URL", "redis://localhost:6379/0"))

STAGING = "/srv/ingest/staging"
PARTNER_API = "https://partners.example.com/api"


@celery_app.task
def restore_job_state(encoded_state: str):
    state = pickle.loads(base64.b64decode(encoded_state))  #@vuln CWE-502
    log.info("restored job %s", state.get("job_id"))
    return state


@celery_app.task
def load_pipeline(config_text: str):
    pipeline = yaml.load(config_text, Loader=yaml.Loader)  #@vuln CWE-502
    return list(pipeline.get("steps", []))


@celery_app.task
def load_pipeline_safe(config_text: str):
    pipeline = yaml.safe_load(config_text)  #@safe
    return list(pipeline.get("steps", []))


@celery_app.task
def load_compiled_rule(blob: str):
    code = marshal.loads(base64.b64decode(blob))  #@vuln CWE-502
    return code.co_name


@celery_app.task
def unpack_zip(archive_path: str, dest: str = STAGING):
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.namelist():
            target = os.path.join(dest, member)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)
    return dest


@celery_app.task
def unpack_tar(archive_path: str, dest: str = STAGING):
    with tarfile.open(archive_path) as tf:
        tf.extractall(dest)  #@vuln CWE-22
    return dest


@celery_app.task
def unpack_tar_checked(archive_path: str, dest: str = STAGING):
    root = os.path.realpath(dest)
    with tarfile.open(archive_path) as tf:
        for m in tf.getmembers():
            resolved = os.path.realpath(os.path.join(root, m.name))
            if not resolved.startswith(root + os.sep) or m.issym() or m.islnk():
                raise ValueError(f"unsafe member {m.name}")
        tf.extractall(root, filter="data")  #@safe
    return root


@celery_app.task
def convert_document(filename: str):
    os.system(f"libreoffice --headless --convert-to pdf {STAGING}/{filename}")  #@vuln CWE-78
    return filename.rsplit(".", 1)[0] + ".pdf"


@celery_app.task
def checksum(filename: str):
    with os.popen("sha256sum " + os.path.join(STAGING, filename)) as p:  #@vuln CWE-78
        return p.read().split()[0]


@celery_app.task
def checksum_safe(filename: str):
    out = subprocess.check_output(["sha256sum", "--", os.path.join(STAGING, os.path.basename(filename))])  #@safe
    return out.split()[0].decode()


@celery_app.task
def scratch_copy(data: bytes):
    path = tempfile.mktemp(suffix=".bin")  #@vuln CWE-377
    with open(path, "wb") as fh:
        fh.write(data)
    return path


@celery_app.task
def scratch_copy_safe(data: bytes):
    fd, path = tempfile.mkstemp(suffix=".bin")  #@safe
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


@celery_app.task
def write_lockfile(partner_id: str):
    lock = open("/tmp/ingest-" + partner_id + ".lock", "w")  #@vuln CWE-377|CWE-22
    lock.write(str(os.getpid()))
    lock.close()


@celery_app.task
def fetch_manifest(manifest_url: str):
    resp = requests.get(manifest_url, timeout=10)  #@vuln CWE-918
    return resp.json()


@celery_app.task
def push_status(partner_id: str, status: str):
    resp = requests.post(f"{PARTNER_API}/status", json={"id": partner_id, "s": status}, verify=False)  #@vuln CWE-295
    return resp.status_code


@celery_app.task
def push_status_safe(partner_id: str, status: str):
    resp = requests.post(f"{PARTNER_API}/status", json={"id": partner_id, "s": status}, timeout=10)  #@safe
    return resp.status_code


@celery_app.task
def apply_transform(record: dict, expression: str):
    return eval(expression, {"__builtins__": {}}, {"r": record})  #@vuln CWE-95|CWE-94


@celery_app.task
def run_hook(hook_source: str):
    exec(hook_source, {})  #@vuln CWE-95|CWE-94
