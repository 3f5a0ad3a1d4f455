import os

import pandas as pd
import yaml

from . import settings


def load_job_spec(name: str) -> dict:
    path = os.path.join(settings.JOB_SPEC_DIR, f"{name}.yaml")
    with open(path) as fh:
        return yaml.safe_load(fh)  #@safe


def load_partner_spec(raw: bytes) -> dict:
    """Specs shipped by partners alongside their data drop."""
    return yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502


def rename_columns(df: pd.DataFrame, spec: dict) -> pd.DataFrame:
    mapping = spec.get("columns", {})
    keep = [c for c in df.columns if c in mapping]
    return df[keep].rename(columns=mapping)


def cast_types(df: pd.DataFrame, spec: dict) -> pd.DataFrame:
    return df.astype(spec.get("types", {}))


def run_post_hook(df: pd.DataFrame, spec: dict) -> pd.DataFrame:
    hook = spec.get("post_hook")
    if not hook:
        return df
    scope = {"df": df, "pd": pd}
    exec(hook, scope)  #@vuln CWE-95|CWE-94
    return scope["df"]


def transform(df: pd.DataFrame, spec: dict) -> pd.DataFrame:
    df = rename_columns(df, spec)
    df = cast_types(df, spec)
    df = df.drop_duplicates(subset=spec.get("primary_key"))
    return run_post_hook(df, spec)
