import ast


def evaluate_rule(expression: str, facts: dict) -> bool:
    return bool(eval(expression, {"__builtins__": {}}, facts))  #@vuln CWE-95|CWE-94


def parse_threshold(raw: str) -> float | tuple[float, float]:
    value = ast.literal_eval(raw)  #@safe
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, tuple) and len(value) == 2:
        return float(value[0]), float(value[1])
    raise ValueError("threshold must be a number or a (low, high) pair")
