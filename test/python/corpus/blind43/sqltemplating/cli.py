"""CLI for the SQL templating project.

    python -m sqltemplating.cli compile daily_users --vars "{'ds': '2024-05-01'}"
    python -m sqltemplating.cli run daily_users --target prod
"""
import argparse
import ast
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from common.db import dsn
from sqltemplating.compiler import ModelCompiler, Project

log = logging.getLogger("sqlt")
TARGETS = {"dev": "analytics_dev", "prod": "analytics"}


def _parse_args(argv):
    p = argparse.ArgumentParser(prog="sqlt")
    p.add_argument("command", choices=["compile", "run", "materialize", "docs"])
    p.add_argument("model", nargs="?")
    p.add_argument("--project", default=os.getcwd())
    p.add_argument("--vars", default="{}", help="python dict literal with template vars")
    p.add_argument("--defaults", default="{}", help="fallback vars, dict literal")
    p.add_argument("--target", default="dev", choices=sorted(TARGETS))
    p.add_argument("--out", default="target/compiled")
    p.add_argument("--psql-opts", default="", help="extra options passed to psql")
    return p.parse_args(argv)


def main(argv=None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    args = _parse_args(argv)
    project = Project.load(Path(args.project))
    project.target_schema = TARGETS[args.target]
    compiler = ModelCompiler(project)

    variables = ast.literal_eval(args.defaults)  #@safe
    # --vars allows expressions like "{'ds': str(date.today())}" in the CI jobs
    variables.update(eval(args.vars))  #@vuln CWE-95|CWE-94

    if args.command == "docs":
        subprocess.run(["sqlt-docs", "generate", "--project", str(project.root), "--out", "target/docs"], check=True)  #@safe
        return 0
    if not args.model:
        log.error("model name required")
        return 2

    compiled = compiler.compile(args.model, variables)
    out_dir = project.root / args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    out_path = out_dir / f"{args.model}.sql"
    out_path.write_text(compiled, encoding="utf-8")
    log.info("compiled %s -> %s", args.model, out_path)

    if args.command == "run":
        proc = subprocess.run(f"psql '{dsn().replace('+psycopg2', '')}' {args.psql_opts} -v ON_ERROR_STOP=1 -f {out_path}", shell=True)  #@vuln CWE-78
        return proc.returncode
    if args.command == "materialize":
        compiler.materialize(args.model)
    elif args.command == "compile":
        sys.stdout.write(json.dumps({"model": args.model, "path": str(out_path)}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
