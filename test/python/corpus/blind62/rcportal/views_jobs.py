from datetime import datetime, timedelta, timezone

import jwt
import requests
from flask import (Blueprint, abort, current_app, flash, jsonify, redirect,
                   render_template, render_template_string, request, url_for)
from flask_login import current_user, login_required

from jobsvc import slurm
from rcportal import db, repository
from rcportal.models import Job, Membership, Project

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

JOB_CARD = """
<div class="job-card">
  <h3>{{ job.name }}</h3>
  <dl><dt>Slurm ID</dt><dd>{{ job.slurm_id }}</dd>
      <dt>Partition</dt><dd>{{ job.partition }}</dd>
      <dt>State</dt><dd>{{ job.state }}</dd></dl>
</div>
"""


def _jobs_api_headers():
    now = datetime.now(timezone.utc)
    token = jwt.encode(
        {"sub": current_user.username, "aud": "rc-jobs", "iat": now, "exp": now + timedelta(minutes=5)},
        current_app.config["JOBS_API_SIGNING_KEY"],
        algorithm="HS256",
    )
    return {"Authorization": f"Bearer {token}"}


def _own_job(job_id):
    job = db.get_or_404(Job, job_id)
    if job.user_id != current_user.id and not current_user.is_admin:
        abort(403)
    return job


@bp.route("/")
@login_required
def index():
    state = request.args.get("state", "RUNNING")
    jobs = Job.query.filter_by(user_id=current_user.id, state=state).order_by(Job.submitted_at.desc()).all()
    return render_template("jobs.html", jobs=jobs)


@bp.route("/partition/<name>")
@login_required
def by_partition(name):
    user = request.args.get("user", current_user.username)
    return jsonify(repository.jobs_for_partition(name, user))


@bp.route("/queue")
@login_required
def live_queue():
    user = request.args.get("user", current_user.username)
    lines = slurm.queue_for_user(user).splitlines()
    rows = [dict(zip(("id", "name", "state", "elapsed", "partition"), ln.split("|"))) for ln in lines if ln]
    return jsonify(rows)


@bp.route("/submit", methods=["POST"])
@login_required
def submit():
    project = Project.query.filter_by(slug=request.form["project"]).first_or_404()
    if not Membership.query.filter_by(project_id=project.id, user_id=current_user.id).first():
        abort(403)
    payload = {
        "template": request.form.get("template", "serial.sbatch.j2"),
        "account": project.slurm_account,
        "partition": request.form.get("partition", "standard"),
        "name": request.form["name"],
        "sbatch_args": request.form.get("sbatch_args", ""),
        "notify_url": request.form.get("notify_url"),
        "params": {
            "cpus": int(request.form.get("cpus", 1)),
            "mem_gb": int(request.form.get("mem_gb", 4)),
            "walltime": request.form.get("walltime", "01:00:00"),
            "command": request.form["command"],
        },
    }
    resp = requests.post(f"{current_app.config['JOBS_API_URL']}/jobs", json=payload,  #@safe
                         headers=_jobs_api_headers(), timeout=30)
    resp.raise_for_status()
    result = resp.json()
    job = Job(user_id=current_user.id, project_id=project.id, name=payload["name"],
              slurm_id=result["slurm_id"], partition=payload["partition"],
              notify_url=payload["notify_url"], notes=request.form.get("notes"))
    db.session.add(job)
    db.session.commit()
    flash(f"Submitted job {result['slurm_id']}", "info")
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.route("/<int:job_id>")
@login_required
def detail(job_id):
    job = _own_job(job_id)
    return render_template_string(JOB_CARD, job=job)  #@safe


@bp.route("/<int:job_id>/notes")
@login_required
def notes(job_id):
    job = _own_job(job_id)
    page = "<h3>Notes for " + job.name + "</h3><pre>{{ notes }}</pre>"
    return render_template_string(page, notes=job.notes or "")  #@vuln CWE-1336|CWE-79


@bp.route("/<int:job_id>/cancel", methods=["POST"])
@login_required
def cancel(job_id):
    job = _own_job(job_id)
    slurm.cancel(request.form.get("slurm_id", job.slurm_id), current_user.username)
    job.state = "CANCELLED"
    db.session.commit()
    return redirect(url_for("jobs.index"))


@bp.route("/<int:job_id>/efficiency")
@login_required
def efficiency(job_id):
    job = _own_job(job_id)
    return jsonify({"report": slurm.efficiency(job.slurm_id)})


@bp.route("/partitions")
@login_required
def partitions():
    return jsonify(slurm.partitions())
