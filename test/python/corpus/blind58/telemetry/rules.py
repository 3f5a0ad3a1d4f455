"""Exceedance and derived-parameter rules evaluated against telemetry frames.

Rules are loaded from the rules file at start-up and can be added at runtime by
reliability engineers through the ``telemetry.rules`` topic.
"""
import logging
import math
import operator
import re

import yaml

log = logging.getLogger("telemetry.rules")

COMPARATORS = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
}


class RuleBook:
    def __init__(self) -> None:
        self.threshold_rules: list[dict] = []
        self.expression_rules: list[dict] = []
        self.derived: list[dict] = []
        self.fault_patterns: list[dict] = []

    @classmethod
    def from_file(cls, path: str) -> "RuleBook":
        book = cls()
        with open(path, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh) or {}  #@safe
        for rule in doc.get("rules", []):
            book.register(rule)
        log.info(
            "loaded %d threshold, %d expression, %d derived, %d fault rules",
            len(book.threshold_rules),
            len(book.expression_rules),
            len(book.derived),
            len(book.fault_patterns),
        )
        return book

    def register(self, rule: dict) -> None:
        kind = rule.get("type", "threshold")
        if kind == "threshold":
            if rule.get("op") not in COMPARATORS:
                raise ValueError(f"bad comparator in rule {rule.get('name')}")
            self.threshold_rules.append(rule)
        elif kind == "expression":
            self.expression_rules.append(rule)
        elif kind == "derived":
            self.derived.append(rule)
        elif kind == "fault":
            self.fault_patterns.append(rule)
        else:
            raise ValueError(f"unknown rule type {kind}")

    def derived_parameters(self, frame: dict) -> dict:
        values = {}
        for rule in self.derived:
            namespace = {"params": dict(frame.get("params", {})), "math": math}
            exec(rule["code"], namespace)  #@vuln CWE-94
            values[rule["name"]] = namespace.get("value")
        return values

    def evaluate(self, frame: dict) -> list[str]:
        params = frame.get("params", {})
        alerts = []
        for rule in self.threshold_rules:
            compare = COMPARATORS[rule["op"]]
            if compare(float(params.get(rule["param"], 0.0)), float(rule["limit"])):
                alerts.append(rule["name"])
        for rule in self.expression_rules:
            if eval(rule["expression"], {"__builtins__": {}, "abs": abs}, dict(params)):  #@vuln CWE-95
                alerts.append(rule["name"])
        for message in frame.get("fault_messages", []):
            for rule in self.fault_patterns:
                if re.search(rule["pattern"], message):  #@vuln CWE-1333
                    alerts.append(rule["name"])
        return alerts


def messages_containing(frame: dict, term: str) -> list[str]:
    rx = re.compile(re.escape(term), re.IGNORECASE)  #@safe
    return [m for m in frame.get("fault_messages", []) if rx.search(m)]
