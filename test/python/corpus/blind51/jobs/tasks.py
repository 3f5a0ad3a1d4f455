"""Celery tasks for route optimisation and plan exports."""
import json
import logging
import os
import pickle
import shutil
import subprocess
import tempfile
import uuid

import requests
from celery import Celery

from common import config
from jobs import solver

log = logging.getLogger(__name__)

celery_app = Celery("routeopt", broker="amqp://routeopt:Rt0pt!mq2022@mq.internal:5672/logistics", backend=config.REDIS_URL)  #@vuln CWE-798
celery_app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json", task_acks_late=True,
                       worker_prefetch_multiplier=1, task_routes={"jobs.tasks.optimise_route": {"queue": "solver"}})


@celery_app.task(bind=True, max_retries=2, soft_time_limit=900, time_limit=960)
def optimise_route(self, job_id: str, params: dict) -> dict:
    job_id = str(uuid.UUID(job_id))
    workdir = tempfile.mkdtemp(prefix=f"vrp-{job_id}-")
    try:
        problem_path = solver.write_problem(workdir, params)
        if params.get("warm_start"):
            # hex-encoded solution object exported from the dispatcher desktop app
            seed = pickle.loads(bytes.fromhex(params["warm_start"]))  #@vuln CWE-502
            solver.apply_warm_start(problem_path, seed)
        if params.get("engine") == "legacy":
            result = {"routes": solver.run_legacy_solver(problem_path, params)}
        else:
            result = solver.run_solver(problem_path, params)
        result["costs"] = [solver.route_cost(r, params) for r in result["routes"]]
    except subprocess.CalledProcessError as exc:
        log.error("solver failed for %s: %s", job_id, exc.stderr)
        raise self.retry(exc=exc, countdown=30)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    out_path = os.path.join(config.RESULTS_DIR, f"{job_id}.json")
    with open(out_path, "w", encoding="utf-8") as fh:  #@safe
        json.dump(result, fh)

    callback = params.get("callback_url")
    if callback:
        try:
            requests.post(callback, json={"job_id": job_id, "status": "done", "costs": result["costs"]}, timeout=10)  #@vuln CWE-918
        except requests.RequestException as exc:
            log.warning("callback for %s failed: %s", job_id, exc)
    return {"job_id": job_id, "routes": len(result["routes"])}


@celery_app.task(soft_time_limit=120)
def export_plan(job_id: str, fmt: str) -> str:
    # fmt comes from the dispatcher UI dropdown: gpx, kml or csv
    out = f"{config.RESULTS_DIR}/{job_id}.{fmt}"
    subprocess.check_call(f"{config.PLAN_EXPORTER} --job {job_id} --format {fmt} --out {out}", shell=True)  #@vuln CWE-78
    return out
