import logging

from .celery_app import app
from . import fetch, media, rules, storage

log = logging.getLogger(__name__)


@app.task(bind=True, max_retries=3, default_retry_delay=30)
def transcode(self, job: dict):
    src = storage.upload_path(job["upload_id"])
    media.acquire_lock(job["id"])
    try:
        out = media.transcode(src, job.get("preset", "720p"), job.get("extra_args", ""))
    except RuntimeError as exc:
        raise self.retry(exc=exc)
    fetch.notify(job["callback_url"], {"job": job["id"], "output": str(out)})
    return str(out)


@app.task
def import_remote(url: str, library: str):
    scratch = media.scratch_file(".tar")
    fetch.download(url, scratch)
    return str(storage.import_archive(scratch, library))


@app.task
def import_partner(url: str, library: str):
    scratch = media.scratch_dir() / "bundle.tar"
    fetch.download_trusted(url, scratch)
    return str(storage.import_archive_checked(scratch, library))


@app.task
def resume_job(state_blob: str):
    state = storage.restore_state(state_blob)
    log.info("resuming job %s at step %s", state["id"], state["step"])
    return transcode.delay(state["job"]).id


@app.task
def apply_rules(job: dict, rules_file: str):
    ruleset = rules.load_rules(rules_file)
    return [r["name"] for r in ruleset if rules.matches(r["when"], job)]
