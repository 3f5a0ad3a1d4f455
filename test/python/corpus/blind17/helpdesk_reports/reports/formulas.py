import ast
import math
from dataclasses import dataclass, field

METRIC_FUNCTIONS = {"round": round, "min": min, "max": max, "sqrt": math.sqrt}


@dataclass
class MetricResult:
    label: str
    value: float | None
    error: str | None = None
    inputs: dict = field(default_factory=dict)


def evaluate_metric(expression: str, row: dict) -> MetricResult:
    scope = {**METRIC_FUNCTIONS, **row}
    try:
        value = eval(expression, {"__builtins__": {}}, scope)  #@vuln CWE-95|CWE-94
    except Exception as exc:
        return MetricResult(row.get("label", "?"), None, str(exc), row)
    return MetricResult(row.get("label", "?"), float(value), None, row)


def parse_threshold(raw: str):
    if not raw:
        return None
    return ast.literal_eval(raw)  #@safe


def breached(result: MetricResult, threshold) -> bool:
    if result.value is None or threshold is None:
        return False
    if isinstance(threshold, (tuple, list)) and len(threshold) == 2:
        low, high = threshold
        return not (low <= result.value <= high)
    return result.value > threshold
