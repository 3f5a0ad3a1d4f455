from pathlib import Path

from ..config import get_settings


def export_path(name: str) -> Path:
    return Path(get_settings().export_dir) / name


def checked_export_path(name: str) -> Path | None:
    base = Path(get_settings().export_dir).resolve()
    candidate = (base / name).resolve()
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    return candidate


def evaluate_formula(expression: str, item: dict) -> float:
    variables = {"qty": item["quantity"], "sku": item["sku"]}
    return eval(expression, {"__builtins__": {}}, variables)  #@vuln CWE-95|CWE-94
