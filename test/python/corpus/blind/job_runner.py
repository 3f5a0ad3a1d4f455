"""Batch job runner CLI: fetches job specs, runs steps, keeps scratch files."""
import argparse
import hashlib
import os
import pickle
import subprocess
import sys
import tarfile
import tempfile

import yaml

WORK_DIR = "/var/lib/jobs"


def scratch_path(job_id):
    return tempfile.mktemp(prefix=f"job-{job_id}-")  #@vuln CWE-377


def write_lock(job_id):
    with open("/tmp/jobrunner.lock", "w") as fh:  #@vuln CWE-377
        fh.write(str(os.getpid()))


def write_progress(name, pct):
    path = f"/tmp/progress-{name}.txt"
    with open(path, "w") as fh:  #@vuln CWE-377
        fh.write(str(pct))


def write_report(text):
    fd, path = tempfile.mkstemp(suffix=".txt")  #@safe
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    return path


def spool(data):
    with tempfile.NamedTemporaryFile("wb", delete=False) as fh:  #@safe
        fh.write(data)
        return fh.name


def load_spec(path):
    with open(path) as fh:
        return yaml.load(fh)  #@vuln CWE-502


def load_spec_safe(path):
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.SafeLoader)  #@safe


def load_state(path):
    with open(path, "rb") as fh:
        return pickle.load(fh)  #@vuln CWE-502


def run_step(step):
    opts = {"shell": True, "check": True, "cwd": WORK_DIR}
    subprocess.run(step["command"], **opts)  #@vuln CWE-78


def run_step_safe(step):
    opts = {"check": True, "cwd": WORK_DIR}
    subprocess.run(["/usr/bin/env", "make", step["target"]], **opts)  #@safe


def notify(user, message):
    cmd = "mail -s 'job finished' %s" % user
    os.popen(cmd).write(message)  #@vuln CWE-78


def archive_step(args):
    command = "tar czf %s %s" % (args.output,
                                 args.source)
    subprocess.call(command, shell=True)  #@vuln CWE-78


def unpack_bundle(bundle_path):
    with tarfile.open(bundle_path) as tf:
        tf.extractall(WORK_DIR)  #@vuln CWE-22


def checksum(path):
    h = hashlib.new("md5")  #@vuln CWE-328|CWE-327
    with open(path, "rb") as fh:
        h.update(fh.read())
    return h.hexdigest()


def checksum_safe(path):
    h = hashlib.new("sha256")  #@safe
    with open(path, "rb") as fh:
        h.update(fh.read())
    return h.hexdigest()


def fingerprint(text):
    return hashlib.sha1(text.encode()).hexdigest()  #@vuln CWE-328|CWE-327


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("spec")
    parser.add_argument("--source")
    parser.add_argument("--output")
    parser.add_argument("--bundle")
    args = parser.parse_args(argv)
    spec = load_spec(args.spec)
    for step in spec["steps"]:
        run_step(step)
    if args.bundle:
        unpack_bundle(args.bundle)
    archive_step(args)
    os.system("echo done > " + args.output)  #@vuln CWE-78
    return 0


if __name__ == "__main__":
    sys.exit(main())
