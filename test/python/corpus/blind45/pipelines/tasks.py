"""Celery tasks that drive Snakemake / Nextflow / R analyses."""
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile

from celery.utils.log import get_task_logger

from common import config
from common.paths import ensure_dir, run_dir
from pipelines.celery_app import celery

log = get_task_logger(__name__)

PARAM_KEY_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,40}")
R_SCRIPTS = "/opt/lims/R"


def _record_status(run_id, status, detail=""):
    path = os.path.join(run_dir(run_id), "status.json")
    with open(path, "w") as fh:
        json.dump({"status": status, "detail": detail[-4000:]}, fh)


@celery.task(bind=True, name="pipelines.run_snakemake")
def run_snakemake(self, run_id, pipeline, samples, extra_config):
    if pipeline not in config.ALLOWED_PIPELINES:
        raise ValueError(f"unknown pipeline {pipeline}")
    workdir = ensure_dir(run_dir(run_id))
    with open(os.path.join(workdir, "samples.tsv"), "w") as fh:
        fh.write("sample\n" + "\n".join(samples) + "\n")
    config_args = " ".join(f"{k}={v}" for k, v in extra_config.items())
    cmd = f"snakemake --snakefile /opt/pipelines/{pipeline}/Snakefile --directory {workdir} --cores 32 --use-singularity --config samples=samples.tsv {config_args}"
    log.info("run %s: %s", run_id, cmd)
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True)  #@vuln CWE-78
    _record_status(run_id, "ok" if proc.returncode == 0 else "failed", proc.stderr)
    return proc.returncode


@celery.task(name="pipelines.run_nextflow")
def run_nextflow(run_id, pipeline, profile, params):
    if pipeline not in config.ALLOWED_PIPELINES or profile not in config.NEXTFLOW_PROFILES:
        raise ValueError("pipeline or profile not allowed")
    workdir = ensure_dir(run_dir(run_id))
    cmd = ["nextflow", "run", f"/opt/pipelines/{pipeline}/main.nf", "-profile", profile, "-work-dir", os.path.join(workdir, "work"), "-resume"]
    for key, value in params.items():
        if not PARAM_KEY_RE.fullmatch(key):
            raise ValueError(f"bad parameter name {key!r}")
        cmd += [f"--{key}", str(value)]
    proc = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True)  #@safe
    _record_status(run_id, "ok" if proc.returncode == 0 else "failed", proc.stderr)
    return proc.returncode


@celery.task(name="pipelines.qc_report")
def qc_report(run_id, assay, title, requested_by):
    workdir = ensure_dir(run_dir(run_id))
    out_pdf = os.path.join(workdir, "qc_report.pdf")
    params_file = tempfile.mktemp(suffix=".json", prefix="qc_")  #@vuln CWE-377
    with open(params_file, "w") as fh:
        json.dump({"run": run_id, "assay": assay, "requested_by": requested_by}, fh)
    rc = os.system(f"Rscript {R_SCRIPTS}/qc_report.R --params {params_file} --title '{title}' --out {out_pdf}")  #@vuln CWE-78
    os.unlink(params_file)
    return rc


@celery.task(name="pipelines.levey_jennings")
def levey_jennings(run_id, analytes):
    workdir = ensure_dir(run_dir(run_id))
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=workdir, delete=False) as fh:  #@safe
        json.dump({"analytes": list(analytes)}, fh)
        params_path = fh.name
    out = subprocess.run(["Rscript", f"{R_SCRIPTS}/levey_jennings.R", params_path, workdir], capture_output=True, text=True)  #@safe
    return out.returncode


@celery.task(name="pipelines.flagstat")
def flagstat(run_id, bam_name):
    workdir = run_dir(run_id)
    bam = os.path.join(workdir, "aligned", os.path.basename(bam_name))
    out = bam + ".flagstat.txt"
    subprocess.run(f"samtools flagstat {shlex.quote(bam)} > {shlex.quote(out)}", shell=True, check=True)  #@safe
    return out


@celery.task(name="pipelines.archive_run")
def archive_run(run_id, subdir):
    workdir = run_dir(run_id)
    archive = os.path.join(str(config.DATA_ROOT), "archive", f"run_{run_id}.tar.gz")
    stream = os.popen(f"tar czf {archive} -C {workdir} {subdir}")  #@vuln CWE-78
    status = stream.close()
    return archive if status is None else None


@celery.task(name="pipelines.cleanup_run")
def cleanup_run(run_id):
    path = run_dir(run_id)
    log.warning("removing run directory %s", path)
    shutil.rmtree(path, ignore_errors=True)  #@vuln CWE-22
