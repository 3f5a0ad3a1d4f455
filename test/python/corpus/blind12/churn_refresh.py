#!/usr/bin/env python
# coding: utf-8

# # Customer churn - monthly refresh
#
# Pulls the latest subscription export, joins it with the CRM snapshot and the
# feature store, and scores every active account with the current churn model.

# In[1]:


import ast
import hashlib
import os
import pickle
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import defusedxml.ElementTree as DET
import matplotlib.pyplot as plt
import pandas as pd
import requests
import yaml
from lxml import etree
from sqlalchemy import create_engine, text


# In[2]:


# Parameters (overridden by the scheduler through environment variables)
SNAPSHOT_DATE = os.environ.get("CHURN_SNAPSHOT_DATE", "2024-05-31")
EXPORT_URL = os.environ.get("CHURN_EXPORT_URL", "https://exports.example.com/subscriptions/latest.tar.gz")
FEATURES_URL = os.environ.get("CHURN_FEATURES_URL", "https://feature-store.example.com/churn")
MODEL_URL = os.environ.get("CHURN_MODEL_URL", "https://models.example.com/churn/current.pkl")
CRM_XML = os.environ.get("CHURN_CRM_XML", "data/crm_snapshot.xml")
SEGMENT_RULE = os.environ.get("CHURN_SEGMENT_RULE", "df.tenure_months > 3")
THRESHOLDS = os.environ.get("CHURN_THRESHOLDS", "{'high': 0.7, 'medium': 0.4}")
REPORT_NAME = os.environ.get("CHURN_REPORT_NAME", f"churn-{SNAPSHOT_DATE}")
CONFIG_PATH = sys.argv[1] if len(sys.argv) > 1 else "config/churn.yaml"

WAREHOUSE_DSN = "postgresql://analytics_ro:analytics-example-pw@warehouse.internal:5432/analytics"  #@vuln CWE-798|CWE-259


# In[3]:


with open(CONFIG_PATH) as fh:
    config = yaml.safe_load(fh)  #@safe

thresholds = ast.literal_eval(THRESHOLDS)  #@safe
engine = create_engine(WAREHOUSE_DSN)
workdir = Path(tempfile.mkdtemp(prefix="churn-"))
print(workdir)


# In[4]:


resp = requests.get(EXPORT_URL, timeout=120, verify=False)  #@vuln CWE-295
resp.raise_for_status()
archive_path = workdir / "export.tar.gz"
archive_path.write_bytes(resp.content)
with tarfile.open(archive_path) as tar:
    tar.extractall(workdir / "export")  #@vuln CWE-22

with tarfile.open(config.get("reference_archive", "data/reference_tables.tar.gz")) as tar:
    tar.extractall(workdir / "reference", filter="data")  #@safe

subs = pd.concat(pd.read_csv(p) for p in sorted((workdir / "export").glob("*.csv")))
fingerprint = hashlib.md5(pd.util.hash_pandas_object(subs).values.tobytes(), usedforsecurity=False).hexdigest()  #@safe
print(f"{len(subs):,} subscription rows, fingerprint {fingerprint}")


# In[5]:


query = f"SELECT account_id, plan, mrr, tenure_months FROM subscriptions_snapshot WHERE snapshot_date = '{SNAPSHOT_DATE}'"
accounts = pd.read_sql(query, engine)  #@vuln CWE-89
tickets = pd.read_sql(  #@safe
    text("SELECT account_id, count(*) AS tickets FROM support_tickets WHERE opened_at <= :d GROUP BY account_id"),
    engine,
    params={"d": SNAPSHOT_DATE},
)
accounts.describe()


# In[6]:


features = pd.read_pickle(f"{FEATURES_URL}/{SNAPSHOT_DATE}/features.pkl")  #@vuln CWE-502
df = accounts.merge(tickets, on="account_id", how="left").merge(features, on="account_id", how="left")
df["tickets"] = df["tickets"].fillna(0)
df = df[eval(SEGMENT_RULE, {"__builtins__": {}}, {"df": df})]  #@vuln CWE-95|CWE-94
len(df)


# In[7]:


tree = etree.parse(CRM_XML, etree.XMLParser(resolve_entities=True, no_network=False))  #@vuln CWE-611
crm = pd.DataFrame([{"account_id": int(n.get("id")), "segment": n.findtext("segment")} for n in tree.iter("account")])

owners_tree = DET.parse(config.get("owners_xml", "data/account_owners.xml"))  #@safe
owners = pd.DataFrame(
    [{"account_id": int(n.get("id")), "owner": n.findtext("owner")} for n in owners_tree.getroot().iter("account")]
)
df = df.merge(crm, on="account_id", how="left").merge(owners, on="account_id", how="left")


# In[8]:


model = pickle.loads(requests.get(MODEL_URL, timeout=60).content)  #@vuln CWE-502
feature_cols = config.get("feature_columns", ["mrr", "tenure_months", "tickets"])
df["churn_score"] = model.predict_proba(df[feature_cols].fillna(0))[:, 1]
df["risk"] = pd.cut(
    df["churn_score"],
    [0, thresholds["medium"], thresholds["high"], 1.0],
    labels=["low", "medium", "high"],
    include_lowest=True,
)
df.groupby("risk", observed=True)["mrr"].sum()


# In[9]:


fig, ax = plt.subplots(figsize=(8, 4))
df.groupby("segment")["churn_score"].mean().sort_values().plot.barh(ax=ax)
ax.set_title(f"Mean churn score by segment - {SNAPSHOT_DATE}")
chart_path = tempfile.mktemp(suffix=".png")  #@vuln CWE-377
fig.savefig(chart_path, dpi=150)

with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, dir=workdir) as scored:  #@safe
    df.to_csv(scored, index=False)


# In[10]:


with engine.begin() as conn:
    conn.execute(text("DELETE FROM churn_scores WHERE snapshot_date = :d"), {"d": SNAPSHOT_DATE})  #@safe
out = df.assign(snapshot_date=SNAPSHOT_DATE)[["account_id", "snapshot_date", "churn_score"]]
out.to_sql("churn_scores", engine, if_exists="append", index=False)

subprocess.run(f"jupyter nbconvert --to html --no-input churn_refresh.ipynb --output {REPORT_NAME}", shell=True, check=True)  #@vuln CWE-78
subprocess.run(["aws", "s3", "cp", chart_path, f"s3://analytics-reports/churn/{SNAPSHOT_DATE}/"], check=True)  #@safe
