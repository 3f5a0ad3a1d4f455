"""Build and execute student code inside throwaway Docker containers."""
import logging
import os
import shutil
import subprocess
import tempfile

log = logging.getLogger(__name__)

LANGUAGE_IMAGES = {
    "python": "registry.example.edu/learnhub/runner-python:3.11",
    "java": "registry.example.edu/learnhub/runner-java:17",
    "c": "registry.example.edu/learnhub/runner-gcc:13",
}
DEFAULT_LIMITS = ["--network=none", "--memory=256m", "--cpus=0.5", "--pids-limit=64", "--read-only"]


class RunResult:
    def __init__(self, returncode, stdout, stderr, timed_out=False):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out


def new_workdir():
    return tempfile.mkdtemp(prefix="lh-run-")  #@safe


def write_source_files(workdir, files):
    """files: mapping of relative path -> file contents."""
    for rel_path, source in files.items():
        full_path = os.path.join(workdir, rel_path)
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        with open(full_path, "w", encoding="utf-8") as fh:  #@vuln CWE-22
            fh.write(source)


def write_test_file(workdir, test_name, contents):
    root = os.path.realpath(workdir)
    target = os.path.realpath(os.path.join(root, "tests", os.path.basename(test_name)))
    if not target.startswith(root + os.sep):
        raise ValueError("bad test name")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as fh:  #@safe
        fh.write(contents)


def compile_c(workdir, source_name, extra_flags=""):
    cmd = f"gcc -O2 -std=c17 {extra_flags} -o {workdir}/a.out {workdir}/{source_name}"
    status = os.system(cmd)  #@vuln CWE-78
    return os.WEXITSTATUS(status) == 0


def run_tests(language, workdir, timeout=20):
    image = LANGUAGE_IMAGES[language]
    cmd = ["docker", "run", "--rm", *DEFAULT_LIMITS, "-v", f"{workdir}:/code:ro", image, "/usr/local/bin/run-tests", "/code"]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout)  #@safe
    except subprocess.TimeoutExpired as exc:
        return RunResult(-1, exc.stdout or b"", exc.stderr or b"", timed_out=True)
    return RunResult(proc.returncode, proc.stdout, proc.stderr)


def run_entrypoint(language, workdir, entry_file, student_id, timeout=20):
    image = LANGUAGE_IMAGES[language]
    limits = " ".join(DEFAULT_LIMITS)
    docker_cmd = "docker run --rm %s -e STUDENT_ID=%s -v %s:/code:ro %s /usr/local/bin/run /code/%s" % (
        limits,
        student_id,
        workdir,
        image,
        entry_file,
    )
    try:
        out = subprocess.check_output(docker_cmd, shell=True, stderr=subprocess.STDOUT, timeout=timeout)  #@vuln CWE-78
    except subprocess.CalledProcessError as exc:
        return RunResult(exc.returncode, exc.output, b"")
    except subprocess.TimeoutExpired as exc:
        return RunResult(-1, exc.output or b"", b"", timed_out=True)
    return RunResult(0, out, b"")


def open_job_log(job_id):
    log_path = "/tmp/learnhub-runner-%s.log" % job_id
    return open(log_path, "a", encoding="utf-8")  #@vuln CWE-377


def prune_containers():
    subprocess.run("docker container prune --force --filter 'until=2h'", shell=True, check=False)  #@safe


def cleanup(workdir):
    shutil.rmtree(workdir, ignore_errors=True)
