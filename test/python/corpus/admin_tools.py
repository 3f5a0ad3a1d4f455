"""Admin console endpoints: expression evaluation, maintenance jobs and reports."""
import ast
import operator
import os
import subprocess

from flask import Blueprint, jsonify, request

admin = Blueprint("admin", __name__)

OPS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul}
JOBS = {"vacuum": ["vacuumdb", "--all"], "reindex": ["reindexdb", "--all"]}


@admin.route("/calc")
def calc():
    expr = request.args.get("expr", "0")
    result = eval(expr)  #@vuln CWE-95
    return jsonify(result=result)


@admin.route("/calc/literal")
def calc_literal():
    expr = request.args.get("expr", "0")
    return jsonify(result=ast.literal_eval(expr))  #@safe


@admin.route("/calc/op")
def calc_op():
    op = request.args.get("op", "add")
    a = float(request.args.get("a", 0))
    b = float(request.args.get("b", 0))
    if op not in OPS:
        return jsonify(error="unknown op"), 400
    return jsonify(result=OPS[op](a, b))  #@safe


@admin.route("/hook", methods=["POST"])
def run_hook():
    code = request.form["code"]
    scope = {}
    exec(code, scope)  #@vuln CWE-95
    return jsonify(ok=True)


@admin.route("/jobs/<name>", methods=["POST"])
def run_job(name):
    if name not in JOBS:
        return jsonify(error="unknown job"), 404
    subprocess.run(JOBS[name], check=True)  #@safe
    return jsonify(ok=True)


@admin.route("/jobs/custom", methods=["POST"])
def run_custom():
    args = request.json.get("args", "")
    proc = subprocess.Popen("backup.sh " + args, shell=True, stdout=subprocess.PIPE)  #@vuln CWE-78
    out, _ = proc.communicate()
    return jsonify(output=out.decode())


@admin.route("/logs")
def tail_logs():
    lines = int(request.args.get("lines", 50))
    out = os.popen("tail -n %d /var/log/app.log" % lines).read()  #@safe
    return jsonify(log=out)


@admin.route("/grep")
def grep_logs():
    pattern = request.args.get("pattern", "ERROR")
    out = os.popen("grep '" + pattern + "' /var/log/app.log").read()  #@vuln CWE-78
    return jsonify(log=out)


def compute_formula(formula, values):
    return eval(formula, {"__builtins__": {}}, values)  #@vuln CWE-95


def version_tuple():
    return eval("(3, 11)")  #@safe
