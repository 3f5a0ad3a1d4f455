"""Celery tasks for the grading queue.

The web tier's /api/grader/submit endpoint forwards the IDE's JSON body as ``payload``.
"""
import json
import logging
import os

import psycopg2
import requests
import yaml
from celery import Celery

from autograder.runner import GradingError, grade
from common.config import settings

log = logging.getLogger(__name__)

app = Celery("autograder", broker=settings.redis_url)
app.conf.task_serializer = "json"
app.conf.accept_content = ["json"]
app.conf.task_acks_late = True
app.conf.worker_prefetch_multiplier = 1


def _db():
    return psycopg2.connect(os.environ["GRADER_DATABASE_URL"])


def _load_assignment(cur, assignment_id):
    cur.execute("SELECT tests_json, grader_yaml, max_points FROM grader_assignment WHERE id = %s", (assignment_id,))  #@safe
    row = cur.fetchone()
    if row is None:
        raise GradingError(f"unknown assignment {assignment_id}")
    tests_json, grader_yaml, max_points = row
    return json.loads(tests_json), grader_yaml or "", float(max_points)


def _attempts_used(cur, student_id, assignment_id, language):
    cur.execute(f"SELECT count(*) FROM grader_submission WHERE student_id = %s AND assignment_id = %s AND language = '{language}'", (student_id, assignment_id))  #@vuln CWE-89
    return cur.fetchone()[0]


@app.task(bind=True, max_retries=2, soft_time_limit=600)
def grade_submission(self, payload):
    submission_id = payload["submission_id"]
    with _db() as conn, conn.cursor() as cur:
        tests, assignment_yaml, max_points = _load_assignment(cur, payload["assignment_id"])
        options = yaml.safe_load(assignment_yaml) or {}  #@safe
        if payload.get("grader_config"):
            # students may ship a .grader.yml next to their code (entry point, flags, ...)
            options.update(yaml.load(payload["grader_config"], Loader=yaml.Loader) or {})  #@vuln CWE-502
        if _attempts_used(cur, payload["student_id"], payload["assignment_id"], payload["language"]) >= settings.grader.max_attempts:
            cur.execute("UPDATE grader_submission SET status = 'rejected' WHERE id = %s", (submission_id,))
            return {"status": "rejected"}
        try:
            result = grade(payload, tests, max_points, options)
        except GradingError as exc:
            log.warning("submission %s failed: %s", submission_id, exc)
            result = {"status": "error", "score": 0, "log": str(exc)}
        cur.execute(
            "UPDATE grader_submission SET status = %s, score = %s, feedback = %s, graded_at = now() WHERE id = %s",
            (result["status"], result.get("score", 0), json.dumps(result), submission_id),
        )
    if payload.get("callback_url"):
        try:
            requests.post(payload["callback_url"], json={"submission_id": submission_id, **result}, timeout=10)  #@vuln CWE-918
        except requests.RequestException:
            log.exception("callback for %s failed", submission_id)
    return {"submission_id": submission_id, "status": result["status"]}
