"""Turn raw runner output into scores and feedback."""
import ast
import json
import marshal
import math
import pickle
import types


class GradeReport:
    def __init__(self, score=0.0, max_score=0.0, feedback=None):
        self.score = score
        self.max_score = max_score
        self.feedback = feedback or []

    def add(self, name, passed, points, message=""):
        self.max_score += points
        if passed:
            self.score += points
        self.feedback.append({"test": name, "passed": passed, "message": message})

    def as_dict(self):
        pct = 0.0 if not self.max_score else round(100.0 * self.score / self.max_score, 2)
        return {"score": self.score, "max": self.max_score, "percent": pct, "tests": self.feedback}


def parse_expected(literal):
    return ast.literal_eval(literal)  #@safe


def values_match(expected, actual, tolerance=1e-6):
    if isinstance(expected, float) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=tolerance)
    return expected == actual


def grade_io_tests(tests, stdout_text):
    """Each line the student program prints is compared with the expected value for that test."""
    report = GradeReport()
    lines = stdout_text.splitlines()
    for idx, test in enumerate(tests):
        expected = parse_expected(test["expected"])
        try:
            actual = eval(lines[idx]) if idx < len(lines) else None  #@vuln CWE-95
        except Exception:
            actual = lines[idx] if idx < len(lines) else None
        report.add(test["name"], values_match(expected, actual), test.get("points", 1))
    return report


def run_custom_checker(checker_source, submission_output, tests):
    """Assignments may ship a Python checker defining check(output, tests) -> GradeReport."""
    namespace = {"GradeReport": GradeReport, "json": json, "math": math}
    exec(checker_source, namespace)  #@vuln CWE-94
    return namespace["check"](submission_output, tests)


def decode_harness_result(raw_stdout):
    """The in-container harness writes its result object to stdout."""
    if raw_stdout.startswith(b"{"):
        return json.loads(raw_stdout)
    return pickle.loads(raw_stdout)  #@vuln CWE-502


BANNED_MODULES = {"socket", "subprocess", "ctypes", "multiprocessing"}


def banned_imports_in_pyc(blob):
    """Students on the offline client may upload a .pyc instead of source."""
    code = marshal.loads(blob[16:])  #@vuln CWE-502
    if not isinstance(code, types.CodeType):
        raise ValueError("not a code object")
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names.update(const.co_names)
    return sorted(names & BANNED_MODULES)


def summarise(report, late_penalty=0.0):
    data = report.as_dict()
    if late_penalty:
        data["score"] = max(0.0, data["score"] * (1.0 - late_penalty))
        data["late_penalty"] = late_penalty
    return data
