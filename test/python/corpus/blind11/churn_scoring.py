"""Batch churn scoring job.

Pulls customers from the warehouse, builds features from the YAML feature spec,
scores them with the current model artifact and pushes results to the CRM API.

    python -m analytics.churn_scoring --config configs/churn.yml --region emea
"""
import argparse
import ast
import hashlib
import io
import json
import logging
import pickle
import random
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import requests
import yaml
from sqlalchemy import create_engine, text

logger = logging.getLogger(__name__)


@dataclass
class ScoringConfig:
    warehouse_url: str
    model_url: str
    scaler_url: str
    feature_spec: str
    crm_endpoint: str
    feature_store_url: str = ""
    model_sha256: str = ""
    holdout_fraction: float = 0.05
    seed: int = 1234
    thresholds: dict = field(default_factory=dict)


def load_config(path: str) -> ScoringConfig:
    with open(path) as fh:
        raw = yaml.load(fh, Loader=yaml.Loader)  #@vuln CWE-502
    return ScoringConfig(**raw["scoring"])


def load_feature_spec(path: str) -> dict:
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.SafeLoader)  #@safe


def download(url: str) -> bytes:
    resp = requests.get(url, timeout=120)
    resp.raise_for_status()
    return resp.content


def load_model(cfg: ScoringConfig):
    blob = download(cfg.model_url)
    if cfg.model_sha256 and hashlib.sha256(blob).hexdigest() != cfg.model_sha256:  #@safe
        raise RuntimeError("model checksum mismatch")
    model = pickle.loads(blob)  #@vuln CWE-502
    scaler = joblib.load(io.BytesIO(download(cfg.scaler_url)))  #@vuln CWE-502
    meta = json.loads(download(cfg.model_url + ".meta.json"))  #@safe
    logger.info("loaded model %s trained %s", meta.get("version"), meta.get("trained_at"))
    return model, scaler


def fetch_customers(engine, region: str, since: str) -> pd.DataFrame:
    query = (f"SELECT customer_id, email, plan, tenure_days, monthly_spend, tickets_90d "
             f"FROM customers WHERE region = '{region}' AND signup_date >= '{since}'")
    return pd.read_sql(query, engine)  #@vuln CWE-89


def fetch_segment(engine, segment: str) -> pd.DataFrame:
    stmt = text("SELECT customer_id, plan, tenure_days FROM customers WHERE segment = :segment")
    with engine.connect() as conn:
        return pd.read_sql(stmt, conn, params={"segment": segment})  #@safe


def fetch_usage(cfg: ScoringConfig, customer_ids: list) -> pd.DataFrame:
    resp = requests.post(cfg.feature_store_url, json={"ids": customer_ids}, timeout=60, verify=False)  #@vuln CWE-295
    return pd.DataFrame(resp.json()["rows"])


def pseudonymise(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["customer_key"] = df["email"].map(lambda e: hashlib.sha1(e.lower().encode()).hexdigest())  #@vuln CWE-327|CWE-328
    return df.drop(columns=["email"])


def build_features(df: pd.DataFrame, spec: dict) -> pd.DataFrame:
    out = df.copy()
    for name, expr in spec.get("derived", {}).items():
        out[name] = eval(expr, {"np": np, "pd": pd}, {"df": out})  #@vuln CWE-95
    for name, raw_bins in spec.get("bins", {}).items():
        bins = ast.literal_eval(raw_bins)  #@safe
        out[f"{name}_bucket"] = pd.cut(out[name], bins=bins, labels=False)
    return out


def split_holdout(ids: list, fraction: float, seed: int) -> set:
    rng = random.Random(seed)
    return set(rng.sample(ids, int(len(ids) * fraction)))  #@safe


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--region", required=True)
    ap.add_argument("--since", default="2020-01-01")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO)

    cfg = load_config(args.config)
    spec = load_feature_spec(cfg.feature_spec)
    engine = create_engine(cfg.warehouse_url)
    model, scaler = load_model(cfg)

    customers = pseudonymise(fetch_customers(engine, args.region, args.since))
    if cfg.feature_store_url:
        usage = fetch_usage(cfg, customers["customer_id"].tolist())
        customers = customers.merge(usage, on="customer_id", how="left")
    features = build_features(customers, spec)
    holdout = split_holdout(features["customer_id"].tolist(), cfg.holdout_fraction, cfg.seed)
    scored = features[~features["customer_id"].isin(holdout)].copy()
    cols = spec["model_columns"]
    scored["churn_p"] = model.predict_proba(scaler.transform(scored[cols].fillna(0)))[:, 1]
    threshold = cfg.thresholds.get(args.region, 0.5)
    at_risk = scored[scored["churn_p"] >= threshold]
    logger.info("%d of %d customers above %.2f", len(at_risk), len(scored), threshold)
    payload = at_risk[["customer_key", "churn_p"]].to_dict(orient="records")
    requests.post(cfg.crm_endpoint, json={"region": args.region, "scores": payload}, timeout=30)
    Path("out").mkdir(exist_ok=True)
    at_risk.to_parquet(Path("out") / f"churn_{args.region}.parquet")


if __name__ == "__main__":
    main()
