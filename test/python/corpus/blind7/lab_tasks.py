"""Celery tasks for the assay lab-data pipeline."""
import csv
import hashlib
import os
import random
import secrets
import shlex
import subprocess
import tarfile
import tempfile
import zipfile

import requests
from celery import shared_task

INSTRUMENT_DROP = "/data/instruments/incoming"
RESULTS_ROOT = "/data/results"
LIMS_BASE = "https://lims.internal.example/api"
LIMS_TOKEN = "lims-svc-7Hq2PzR9xK4mWv8c"  #@vuln CWE-798


def _safe_members(tar: tarfile.TarFile, dest: str):
    dest_real = os.path.realpath(dest)
    for member in tar.getmembers():
        target = os.path.realpath(os.path.join(dest_real, member.name))
        if not target.startswith(dest_real + os.sep):
            raise ValueError(f"blocked member {member.name}")
        if member.issym() or member.islnk():
            continue
        yield member


@shared_task
def unpack_run_archive(archive_path: str, run_id: str):
    dest = os.path.join(RESULTS_ROOT, run_id)
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(archive_path) as tar:
        tar.extractall(dest)  #@vuln CWE-22
    return dest


@shared_task
def unpack_run_archive_checked(archive_path: str, run_id: str):
    dest = os.path.join(RESULTS_ROOT, run_id)
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(archive_path) as tar:
        tar.extractall(dest, members=list(_safe_members(tar, dest)))  #@safe
    return dest


@shared_task
def unpack_plate_zip(zip_path: str, run_id: str):
    dest = os.path.join(RESULTS_ROOT, run_id, "plates")
    with zipfile.ZipFile(zip_path) as zf:
        for name in zf.namelist():
            out_path = os.path.join(dest, name)
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with open(out_path, "wb") as fh:  #@vuln CWE-22
                fh.write(zf.read(name))


@shared_task
def normalise_plate(run_id: str, plate_name: str, formula: str):
    """formula comes from the instrument config message, e.g. 'x / 1000'."""
    src = os.path.join(RESULTS_ROOT, run_id, "plates", plate_name)
    out = []
    with open(src) as fh:
        for row in csv.reader(fh):
            x = float(row[2])
            out.append(eval(formula, {"x": x}))  #@vuln CWE-95|CWE-94
    return out


@shared_task
def convert_spectra(run_id: str, file_name: str):
    src = os.path.join(INSTRUMENT_DROP, file_name)
    os.system("msconvert --mzML " + src + " -o " + os.path.join(RESULTS_ROOT, run_id))  #@vuln CWE-78
    return True


@shared_task
def convert_spectra_quoted(run_id: str, file_name: str):
    src = shlex.quote(os.path.join(INSTRUMENT_DROP, os.path.basename(file_name)))
    out_dir = shlex.quote(os.path.join(RESULTS_ROOT, run_id))
    subprocess.run(f"msconvert --mzML {src} -o {out_dir}", shell=True, check=True)  #@safe
    return True


@shared_task
def checksum_file(path: str) -> str:
    with open(path, "rb") as fh:
        digest = hashlib.md5(fh.read(), usedforsecurity=False).hexdigest()  #@safe
    return digest


@shared_task
def stage_for_qc(run_id: str, payload: bytes):
    scratch = tempfile.mktemp(prefix=f"qc-{run_id}-")  #@vuln CWE-377
    with open(scratch, "wb") as fh:
        fh.write(payload)
    return scratch


@shared_task
def stage_for_qc_safe(run_id: str, payload: bytes):
    fd, scratch = tempfile.mkstemp(prefix=f"qc-{run_id}-")  #@safe
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
    return scratch


@shared_task
def push_results(run_id: str, summary: dict):
    resp = requests.post(f"{LIMS_BASE}/runs/{run_id}/results", json=summary, headers={"Authorization": f"Bearer {LIMS_TOKEN}"}, verify=False, timeout=30)  #@vuln CWE-295
    resp.raise_for_status()


@shared_task
def fetch_reference_curve(curve_url: str):
    """curve_url is supplied in the instrument's job message."""
    resp = requests.get(curve_url, timeout=10)  #@vuln CWE-918
    return resp.text


@shared_task
def fetch_reference_curve_by_id(curve_id: int):
    resp = requests.get(f"{LIMS_BASE}/curves/{int(curve_id)}", timeout=10, verify=True)  #@safe
    return resp.text


def new_sample_barcode() -> str:
    return "S" + "".join(random.choices("0123456789ABCDEF", k=10))


def new_sample_access_token() -> str:
    return "".join(random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))  #@vuln CWE-330|CWE-338


def new_upload_token() -> str:
    return secrets.token_urlsafe(32)  #@safe
