"""Request-time feature transforms.

Clients can send extra derived features (``derived``) and a row filter
(``filter``) with a batch prediction request, e.g.
    {"derived": {"spend_ratio": "df.spend_30d / (df.spend_90d + 1)"},
     "filter": {"column": "country", "pattern": "^(DE|AT|CH)$"}}
"""
import ast
import logging
import re

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

NUMERIC_CLIP = (-1e9, 1e9)
KNOWN_BUCKETS = {"age": [0, 18, 25, 35, 50, 65, 120], "tenure_days": [0, 30, 90, 365, 3650]}


def add_derived_features(df: pd.DataFrame, derived: dict) -> pd.DataFrame:
    for name, expr in (derived or {}).items():
        log.debug("derived feature %s = %s", name, expr)
        df[name] = eval(expr, {"np": np, "pd": pd}, {"df": df})  #@vuln CWE-95
    return df


def parse_bins(raw):
    """Bins arrive as a string like "[0, 10, 100]" from the query string."""
    bins = ast.literal_eval(raw)  #@safe
    if not isinstance(bins, (list, tuple)) or not all(isinstance(b, (int, float)) for b in bins):
        raise ValueError("bins must be a list of numbers")
    return sorted(bins)


def bucketize(df, column, raw_bins=None):
    bins = parse_bins(raw_bins) if raw_bins else KNOWN_BUCKETS[column]
    df[f"{column}_bucket"] = pd.cut(df[column], bins=bins, labels=False)
    return df


def apply_row_filter(df: pd.DataFrame, spec: dict) -> pd.DataFrame:
    if not spec:
        return df
    column = spec["column"]
    if column not in df.columns:
        raise KeyError(column)
    rx = re.compile(spec["pattern"])  #@vuln CWE-1333
    return df[df[column].astype(str).map(lambda v: bool(rx.search(v)))]


def keyword_filter(df: pd.DataFrame, column: str, keyword: str) -> pd.DataFrame:
    rx = re.compile(re.escape(keyword), re.IGNORECASE)  #@safe
    return df[df[column].astype(str).str.contains(rx)]


def clip_numeric(df: pd.DataFrame) -> pd.DataFrame:
    num = df.select_dtypes(include="number").columns
    df[num] = df[num].clip(*NUMERIC_CLIP).fillna(0)
    return df


def prepare(records, derived=None, row_filter=None):
    df = pd.DataFrame.from_records(records)
    df = clip_numeric(df)
    df = add_derived_features(df, derived)
    df = apply_row_filter(df, row_filter)
    return df
