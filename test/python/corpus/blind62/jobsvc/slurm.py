"""Wrappers around the Slurm command line tools on the portal login node."""
import logging
import os
import shlex
import subprocess

log = logging.getLogger(__name__)

SBATCH = "/usr/bin/sbatch"
SQUEUE = "/usr/bin/squeue"
SCANCEL = "/usr/bin/scancel"
SQUEUE_FORMAT = "%i|%j|%T|%M|%P"


class SlurmError(RuntimeError):
    pass


def submit(script_path, account, partition, job_name, extra_args=""):
    """Submit a batch script and return the Slurm job id."""
    cmd = (f"{SBATCH} --parsable --account={account} --partition={partition} "
           f"--job-name={job_name} {extra_args} {script_path}")
    log.info("submitting: %s", cmd)
    try:
        out = subprocess.check_output(cmd, shell=True, text=True, stderr=subprocess.STDOUT)  #@vuln CWE-78
    except subprocess.CalledProcessError as exc:
        raise SlurmError(exc.output.strip()) from exc
    return out.strip().split(";")[0]


def submit_as(username, script_path, account, partition="standard"):
    """Submit on behalf of a user through the restricted sudo rule."""
    args = ["sudo", "-n", "-u", username, SBATCH, "--parsable",
            f"--account={account}", f"--partition={partition}", script_path]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60)  #@safe
    if proc.returncode != 0:
        raise SlurmError(proc.stderr.strip())
    return proc.stdout.strip().split(";")[0]


def queue_for_user(username):
    return os.popen(f"{SQUEUE} -h -u {username} -o '{SQUEUE_FORMAT}'").read()  #@vuln CWE-78


def cancel(job_id, username):
    rc = os.system("%s --user=%s %s" % (SCANCEL, username, job_id))  #@vuln CWE-78
    if rc != 0:
        raise SlurmError(f"scancel exited with {rc}")


def efficiency(job_id):
    proc = subprocess.run("seff " + shlex.quote(str(job_id)) + " | tail -n 8", shell=True,  #@safe
                          capture_output=True, text=True, timeout=30)
    return proc.stdout


def partitions():
    proc = subprocess.run(["sinfo", "-h", "-o", "%P|%a|%D|%l"], capture_output=True, text=True, timeout=30)  #@safe
    rows = []
    for line in proc.stdout.splitlines():
        name, avail, nodes, limit = line.split("|")
        rows.append({"name": name.rstrip("*"), "default": name.endswith("*"),
                     "available": avail == "up", "nodes": int(nodes), "time_limit": limit})
    return rows


def accounting(job_id):
    proc = subprocess.run(
        ["sacct", "-n", "-P", "-j", str(int(job_id)), "--format=JobID,State,Elapsed,TotalCPU,MaxRSS"],
        capture_output=True, text=True, timeout=30,
    )
    return [ln.split("|") for ln in proc.stdout.splitlines()]
