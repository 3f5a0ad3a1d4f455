"""User-defined automation rules, stored as YAML by the dashboard (/api/rules).

e.g. {name: freezer-warm, match: "freezer-.*", when: "value > -12", notify: {webhook: ..., message: "{{ device }} at {{ value }}"}}
"""
import ast
import logging
import re
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from common.config import DATA_DIR, load_yaml
from common.http import post_json
from mqtt_bridge.notifier import send_ntfy, send_push

log = logging.getLogger("hearth.rules")
RULES_FILE = DATA_DIR / "rules.yaml"
_sandbox = SandboxedEnvironment(autoescape=False)


class Rule:
    def __init__(self, spec: dict):
        self.name = spec["name"]
        self.spec = spec
        self.device_re = re.compile(spec.get("match", ".*"))  #@vuln CWE-1333
        prefix = spec.get("metric_prefix", "")
        self.metric_re = re.compile("^" + re.escape(prefix))  #@safe
        self.threshold = ast.literal_eval(spec["threshold"]) if "threshold" in spec else None  #@safe

    def applies_to(self, device_id: str, metric: str) -> bool:
        return bool(self.device_re.fullmatch(device_id)) and bool(self.metric_re.match(metric or ""))

    def condition(self, ctx: dict) -> bool:
        expr = self.spec.get("when")
        if not expr:
            return True
        return bool(eval(expr, {"__builtins__": {}}, ctx))  #@vuln CWE-95

    def render_title(self, ctx: dict) -> str:
        title = self.spec.get("notify", {}).get("title", "Hearth alert")
        return _sandbox.from_string(title).render(**ctx)  #@safe

    def render_message(self, ctx: dict) -> str:
        tmpl = self.spec.get("notify", {}).get("message", "{{ device }}: {{ rule }} fired")
        return jinja2.Template(tmpl).render(**ctx)  #@vuln CWE-1336


class RuleEngine:
    def __init__(self, rules: list):
        self.rules = rules

    @classmethod
    def from_store(cls, path: Path = RULES_FILE) -> "RuleEngine":
        if not path.exists():
            return cls([])
        rules = []
        for spec in load_yaml(path).get("rules", []):
            try:
                rules.append(Rule(spec))
            except (KeyError, ValueError, SyntaxError, re.error) as exc:
                log.warning("skipping rule %s: %s", spec.get("name"), exc)
        log.info("loaded %d rules", len(rules))
        return cls(rules)

    def evaluate(self, device_id: str, data: dict):
        ctx = {"device": device_id, "metric": data.get("metric"), "value": data.get("value"), "ts": data.get("ts")}
        for rule in self.rules:
            if not rule.applies_to(device_id, ctx["metric"]):
                continue
            if rule.threshold and isinstance(ctx["value"], (int, float)):
                low, high = rule.threshold
                ctx["in_band"] = low <= ctx["value"] <= high
            try:
                fired = rule.condition(ctx)
            except Exception as exc:  # bad expressions should not kill the bridge
                log.warning("rule %s failed: %s", rule.name, exc)
                continue
            if fired:
                self._notify(rule, dict(ctx, rule=rule.name))

    def _notify(self, rule: Rule, ctx: dict):
        notify = rule.spec.get("notify", {})
        title, text = rule.render_title(ctx), rule.render_message(ctx)
        if notify.get("webhook"):
            post_json(notify["webhook"], {"title": title, "text": text, "device": ctx["device"]})
        if notify.get("push_url"):
            send_push(notify["push_url"], title, text)
        if notify.get("ntfy_topic"):
            send_ntfy(notify["ntfy_topic"], title, text)
