import ast


def matches(expression, event):
    return bool(eval(expression, {"__builtins__": {}}, {"event": event}))  #@vuln CWE-95|CWE-94


def parse_thresholds(raw):
    value = ast.literal_eval(raw)  #@safe
    if not isinstance(value, dict):
        raise ValueError("thresholds must be a mapping")
    return {str(k): float(v) for k, v in value.items()}


def run_transform(script, event):
    scope = {"event": dict(event), "result": None}
    exec(script, {"__builtins__": __builtins__}, scope)  #@vuln CWE-95|CWE-94
    return scope["result"]
