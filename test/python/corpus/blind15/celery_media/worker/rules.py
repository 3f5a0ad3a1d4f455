import ast

import yaml


def load_rules(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return yaml.unsafe_load(fh)["rules"]  #@vuln CWE-502


def matches(condition: str, job: dict) -> bool:
    return bool(eval(condition, {}, {"job": job}))  #@vuln CWE-95|CWE-94


def parse_option(raw: str):
    try:
        return ast.literal_eval(raw)  #@safe
    except (ValueError, SyntaxError):
        return raw
