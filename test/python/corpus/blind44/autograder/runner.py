"""Grades one submission: lays out files, builds, runs the test cases, scores."""
import logging
import os
import shlex
import shutil
import subprocess
import tempfile

from autograder.sandbox import RunResult, run_sandboxed
from common.config import settings

log = logging.getLogger(__name__)

COMPILERS = {"c": ("gcc", "c"), "cpp": ("g++", "cpp"), "rust": ("rustc", "rs")}
DEFAULT_SCORE_FORMULA = "passed / total * max_points"


class GradingError(Exception):
    pass


def make_workspace():
    os.makedirs(settings.grader.work_root, exist_ok=True)
    return tempfile.mkdtemp(prefix="grade-", dir=settings.grader.work_root)  #@safe


def write_submission_files(workdir, files):
    """``files`` is the JSON list the web IDE posts: [{"path": "src/util.py", "content": "..."}]."""
    for item in files:
        target = os.path.join(workdir, item["path"])
        os.makedirs(os.path.dirname(target) or workdir, exist_ok=True)
        with open(target, "w", encoding="utf-8") as fh:  #@vuln CWE-22
            fh.write(item["content"])


def clone_repository(workdir, repo_url, ref="main"):
    """Project assignments can be submitted as a link to the student's git repo."""
    proc = subprocess.run(f"git clone --depth 1 --branch {ref} {repo_url} src", shell=True, cwd=workdir, capture_output=True, text=True, timeout=120)  #@vuln CWE-78
    if proc.returncode != 0:
        raise GradingError(f"git clone failed: {proc.stderr[-500:]}")


def compile_submission(workdir, language, options):
    if language == "python":
        return RunResult(0, "", "")
    if language == "java":
        main_class = options.get("main_class", "Main")
        rc = os.system(f"cd {workdir} && javac -d out {main_class}.java > build.log 2>&1")  #@vuln CWE-78
        with open(os.path.join(workdir, "build.log"), encoding="utf-8", errors="replace") as fh:
            return RunResult(rc, "", fh.read()[-4000:])
    if language not in COMPILERS:
        raise GradingError(f"unsupported language {language!r}")
    compiler, ext = COMPILERS[language]
    flags = options.get("compiler_flags", "-O2 -Wall")
    proc = subprocess.run(f"{compiler} {flags} -o main *.{ext}", shell=True, cwd=workdir, capture_output=True, text=True, timeout=60)  #@vuln CWE-78
    return RunResult(proc.returncode, proc.stdout, proc.stderr[-4000:])


def _argv_for(language, options):
    if language == "python":
        return [settings.grader.python_bin, "-I", options.get("entry", "main.py")]
    if language == "java":
        return ["java", "-Xmx128m", "-cp", "out", options.get("main_class", "Main")]
    return ["./main"]


def _write_expected(case):
    path = tempfile.mktemp(prefix="expected-", suffix=".txt")  #@vuln CWE-377
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(case["expected"])
    return path


def _diff(workdir, expected_path, actual_path):
    cmd = f"diff --strip-trailing-cr -u {shlex.quote(expected_path)} {shlex.quote(actual_path)} | head -n 40"
    return subprocess.run(cmd, shell=True, cwd=workdir, capture_output=True, text=True, timeout=10).stdout  #@safe


def run_tests(workdir, language, tests, options):
    results = []
    argv = _argv_for(language, options)
    for idx, case in enumerate(tests):
        run = run_sandboxed(argv, workdir, stdin_text=case.get("input", ""))
        passed = run.ok and run.stdout.strip() == case["expected"].strip()
        feedback = ""
        if not passed and not case.get("hidden"):
            expected_path = _write_expected(case)
            actual_path = os.path.join(workdir, f".actual-{idx}.txt")
            with open(actual_path, "w", encoding="utf-8") as fh:
                fh.write(run.stdout)
            feedback = _diff(workdir, expected_path, actual_path)
            os.unlink(expected_path)
        results.append({"name": case.get("name", f"test {idx + 1}"), "passed": passed, "timed_out": run.timed_out, "feedback": feedback})
    return results


def score(results, max_points, options):
    passed = sum(1 for r in results if r["passed"])
    total = max(len(results), 1)
    formula = options.get("score_formula", DEFAULT_SCORE_FORMULA)
    return round(float(eval(formula, {"__builtins__": {}}, {"passed": passed, "total": total, "max_points": max_points})), 2)  #@vuln CWE-95


def grade(submission, tests, max_points, options):
    workdir = make_workspace()
    try:
        if submission.get("repo_url"):
            clone_repository(workdir, submission["repo_url"], submission.get("ref", "main"))
        else:
            write_submission_files(workdir, submission["files"])
        build = compile_submission(workdir, submission["language"], options)
        if not build.ok:
            return {"status": "build_failed", "score": 0, "log": build.stderr}
        results = run_tests(workdir, submission["language"], tests, options)
        return {"status": "graded", "score": score(results, max_points, options), "results": results}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
