"""Background worker: pulls run requests from SQS, executes them and records results."""
import json
import logging
import os
import time

import boto3
import psycopg2
import requests
import yaml

from core import storage
from core.config import BaseConfig
from runner import grading, sandbox

log = logging.getLogger("learnhub.runner")

RUNNER_SETTINGS_PATH = os.environ.get("RUNNER_SETTINGS", "/etc/learnhub/runner.yaml")


def _sqs():
    return boto3.client("sqs", region_name=BaseConfig.AWS_REGION)


def enqueue_run(submission_id, language, outcome_url=None):
    body = {"submission_id": submission_id, "language": language, "outcome_url": outcome_url}
    _sqs().send_message(QueueUrl=BaseConfig.RUN_QUEUE_URL, MessageBody=json.dumps(body))


def load_runner_settings():
    with open(RUNNER_SETTINGS_PATH) as fh:
        return yaml.safe_load(fh) or {}  #@safe


def _db():
    return psycopg2.connect(os.environ["RUNNER_DATABASE_URL"])


def _fetch_submission(cur, submission_id):
    cur.execute(  #@safe
        "SELECT s.s3_key, s.filename, s.user_id, a.compile_flags, a.checker_source, a.id "
        "FROM submissions s JOIN assignments a ON a.id = s.assignment_id WHERE s.id = %s",
        (submission_id,),
    )
    return cur.fetchone()


def _load_manifest(workdir):
    manifest_path = os.path.join(workdir, "learnhub.yaml")
    if not os.path.exists(manifest_path):
        return {"entry": "main.py", "tests": []}
    with open(manifest_path) as fh:
        return yaml.load(fh, Loader=yaml.Loader)  #@vuln CWE-502


def _report_outcome(outcome_url, sourced_id, percent):
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">'
        "<imsx_POXBody><replaceResultRequest><resultRecord>"
        f"<sourcedGUID><sourcedId>{sourced_id}</sourcedId></sourcedGUID>"
        f"<result><resultScore><language>en</language><textString>{percent / 100:.4f}</textString>"
        "</resultScore></result></resultRecord></replaceResultRequest></imsx_POXBody></imsx_POXEnvelopeRequest>"
    )
    return requests.post(outcome_url, data=xml, headers={"Content-Type": "application/xml"}, timeout=10)  #@vuln CWE-918


def process_job(job, settings):
    submission_id = int(job["submission_id"])
    log_fh = sandbox.open_job_log(submission_id)
    workdir = sandbox.new_workdir()
    conn = _db()
    try:
        with conn, conn.cursor() as cur:
            s3_key, filename, user_id, compile_flags, checker_source, assignment_id = _fetch_submission(cur, submission_id)
            local = storage.download_submission(s3_key, os.path.join(workdir, "upload.bin"))
            if filename.endswith(".tar.gz"):
                storage.extract_bundle(local, os.path.join(workdir, "src"))
            elif filename.endswith(".pyc"):
                with open(local, "rb") as fh:
                    banned = grading.banned_imports_in_pyc(fh.read())
                if banned:
                    raise RuntimeError(f"banned imports: {banned}")
                os.makedirs(os.path.join(workdir, "src"), exist_ok=True)
                os.replace(local, os.path.join(workdir, "src", "main.pyc"))
            elif filename.endswith(".zip"):
                storage.extract_zip_bundle(local, os.path.join(workdir, "src"))
            else:
                os.makedirs(os.path.join(workdir, "src"), exist_ok=True)
                os.replace(local, os.path.join(workdir, "src", os.path.basename(filename)))

            src = os.path.join(workdir, "src")
            manifest = _load_manifest(src)
            if manifest.get("data_files"):
                sandbox.write_source_files(src, manifest["data_files"])
            if job["language"] == "c":
                sandbox.compile_c(src, manifest.get("entry", "main.c"), compile_flags or "")
            result = sandbox.run_entrypoint(job["language"], src, manifest.get("entry", "main.py"), user_id,
                                            timeout=settings.get("timeout", 20))
            output = result.stdout.decode("utf-8", errors="replace")
            log_fh.write(f"[{time.ctime()}] submission {submission_id} exit={result.returncode}\n")

            if manifest.get("harness"):
                harness_run = sandbox.run_tests(job["language"], src, timeout=settings.get("timeout", 20))
                harness = grading.decode_harness_result(harness_run.stdout)
                report = grading.GradeReport(harness["score"], harness["max"], harness.get("tests"))
            elif checker_source:
                report = grading.run_custom_checker(checker_source, output, manifest.get("tests", []))
            else:
                report = grading.grade_io_tests(manifest.get("tests", []), output)
            summary = grading.summarise(report)

            cur.execute(
                "UPDATE submissions SET status = %s, score = %s, feedback = %s WHERE id = %s",
                ("graded", summary["percent"], json.dumps(summary["tests"]), submission_id),
            )
            cur.execute(f"INSERT INTO run_logs (submission_id, exit_code, output) VALUES ({submission_id}, {result.returncode}, '{output[:4000]}')")  #@vuln CWE-89

        if job.get("outcome_url"):
            _report_outcome(job["outcome_url"], f"{assignment_id}:{submission_id}", summary["percent"])
    finally:
        conn.close()
        log_fh.close()
        sandbox.cleanup(workdir)


def main():
    logging.basicConfig(level=logging.INFO)
    settings = load_runner_settings()
    sqs = _sqs()
    while True:
        resp = sqs.receive_message(QueueUrl=BaseConfig.RUN_QUEUE_URL, MaxNumberOfMessages=5, WaitTimeSeconds=20)
        for message in resp.get("Messages", []):
            try:
                process_job(json.loads(message["Body"]), settings)
            except Exception:
                log.exception("run failed")
            finally:
                sqs.delete_message(QueueUrl=BaseConfig.RUN_QUEUE_URL, ReceiptHandle=message["ReceiptHandle"])
        sandbox.prune_containers()


if __name__ == "__main__":
    main()
