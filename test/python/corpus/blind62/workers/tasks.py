"""Background tasks: remote dataset transfers, catalog harvesting, usage refresh."""
import logging
import os
import pickle
import shelve
import shutil
import ssl
import tarfile
import tempfile
import urllib.request
from urllib.parse import urlparse

import requests
from celery import Celery
from kombu import Queue

from catalog import ingest, metadata, search
from catalog.storage import DatasetStore

log = logging.getLogger(__name__)

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://:Rc-celery-2023@redis.rc.campus.edu:6379/0")  #@vuln CWE-798
RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://localhost:6379/1")

celery = Celery("rcportal", broker=BROKER_URL, backend=RESULT_BACKEND)
celery.conf.update(
    task_serializer="json",
    accept_content=["json"],
    result_serializer="json",
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_queues=(Queue("default"), Queue("transfers"), Queue("maintenance")),
    task_routes={
        "workers.tasks.fetch_remote_dataset": {"queue": "transfers"},
        "workers.tasks.harvest_thredds": {"queue": "transfers"},
        "workers.tasks.refresh_usage": {"queue": "maintenance"},
    },
    beat_schedule={"refresh-usage-hourly": {"task": "workers.tasks.refresh_usage", "schedule": 3600.0}},
)

CA_BUNDLE = "/etc/pki/tls/certs/ca-bundle.crt"
TRUSTED_MIRRORS = {
    "data.rda.ucar.edu",
    "www.ncei.noaa.gov",
    "esgf-node.llnl.gov",
    "zenodo.org",
    "archive.rc.campus.edu",
}
CHUNK = 4 * 1024 * 1024


def portal_app():
    """Flask app for tasks that touch the portal database."""
    from rcportal import create_app

    return create_app(os.environ.get("PORTAL_CONFIG", "production"))


def _stream_to(resp, dest):
    with open(dest, "wb") as out:
        for block in resp.iter_content(CHUNK):
            out.write(block)


def _unpack_tarball(archive_path, dest_dir):
    with tarfile.open(archive_path, "r:*") as tar:
        tar.extractall(dest_dir)  #@vuln CWE-22
        return [m.name for m in tar.getmembers() if m.isfile()]


@celery.task(bind=True, max_retries=3, default_retry_delay=120)
def fetch_remote_dataset(self, dataset_id, url, project_slug):
    app = portal_app()
    with app.app_context():
        from rcportal import db
        from rcportal.models import Dataset

        ds = db.session.get(Dataset, dataset_id)
        workdir = tempfile.mkdtemp(prefix="rcfetch-")
        try:
            name = os.path.basename(urlparse(url).path) or f"dataset-{dataset_id}"
            local = os.path.join(workdir, name)
            with requests.get(url, stream=True, timeout=(10, 300)) as resp:  #@vuln CWE-918
                resp.raise_for_status()
                _stream_to(resp, local)
            if tarfile.is_tarfile(local):
                files = [os.path.join(workdir, "x", n) for n in _unpack_tarball(local, os.path.join(workdir, "x"))]
            elif name.endswith(".zip"):
                files = ingest.unpack_bundle(local, os.path.join(workdir, "x"))
            else:
                files = [local]
            store = DatasetStore.from_config(app.config)
            primary = files[0]
            for path in files:
                store.put_file(path, store.object_key(project_slug, dataset_id, os.path.basename(path)))
            ds.object_key = store.object_key(project_slug, dataset_id, os.path.basename(primary))
            ds.size_bytes = sum(os.path.getsize(p) for p in files)
            db.session.commit()
            search.index_dataset(app.config, ds, ingest.summarise(primary))
        except requests.RequestException as exc:
            raise self.retry(exc=exc)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


@celery.task
def fetch_mirror_file(url, dest_path):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in TRUSTED_MIRRORS:
        raise ValueError(f"{parsed.hostname} is not a configured mirror")
    with requests.get(url, stream=True, timeout=(10, 300), verify=CA_BUNDLE) as resp:  #@safe
        resp.raise_for_status()
        _stream_to(resp, dest_path)
    return dest_path


@celery.task
def opendap_attributes(dataset_url):
    """Fetch the DAS of an OPeNDAP endpoint a user linked to their catalog entry."""
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    with urllib.request.urlopen(dataset_url + ".das", context=ctx, timeout=30) as resp:  #@vuln CWE-918
        return resp.read().decode("utf-8", "replace")


@celery.task
def harvest_thredds(catalog_url, project_id):
    resp = requests.get(catalog_url, timeout=60, verify=False)  #@vuln CWE-918|CWE-295
    resp.raise_for_status()
    entries = metadata.parse_thredds_catalog(resp.content)
    log.info("harvested %d datasets for project %s", len(entries), project_id)
    return entries


@celery.task
def collect_job_state(job_dir):
    """Jobs launched from portal templates leave a small state file for the dashboard."""
    state_file = os.path.join(job_dir, ".portal_state.pkl")
    if not os.path.exists(state_file):
        return None
    with open(state_file, "rb") as fh:
        state = pickle.load(fh)  #@vuln CWE-502
    return {"step": state.get("step"), "progress": state.get("progress"), "message": state.get("message")}


@celery.task
def user_preferences(username):
    prefs_path = os.path.join("/home", username, ".rcportal", "prefs")
    with shelve.open(prefs_path, flag="r") as prefs:  #@vuln CWE-502
        return {"default_project": prefs.get("default_project"), "notify": prefs.get("notify", True)}


@celery.task
def refresh_usage():
    app = portal_app()
    with app.app_context():
        from sqlalchemy import text

        from rcportal import db

        db.session.execute(text(
            "UPDATE allocations a SET core_hours_used = COALESCE("
            "(SELECT sum(j.cpu_hours) FROM job_accounting j "
            "WHERE j.project_id = a.project_id AND j.end_time >= a.starts_on), 0)"
        ))
        db.session.commit()
