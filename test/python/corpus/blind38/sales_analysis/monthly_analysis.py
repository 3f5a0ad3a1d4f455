#!/usr/bin/env python
# coding: utf-8

# # Monthly sales analysis
# exported from `Monthly sales.ipynb` (jupyter nbconvert --to script) so cron can run it
# usage: python monthly_analysis.py uploads/march.csv

# In[1]:


import os
import sys
import pickle
import subprocess
import tempfile

import numpy as np
import pandas as pd
import requests
import yaml
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

import report_helpers as rh


# In[2]:


CSV_PATH = sys.argv[1] if len(sys.argv) > 1 else "uploads/latest.csv"
with open("analysis.yml") as fh:
    CONFIG = yaml.load(fh, Loader=yaml.SafeLoader)  #@safe
OUT_DIR = CONFIG.get("out_dir", "reports")
# CONFIG = {"bucket": "acme-sales-reports", "model_url": "http://10.0.3.7:8000/forecast.pkl"}


# In[3]:


df = pd.read_csv(CSV_PATH, parse_dates=["date"])
df["revenue"] = df["units"] * df["unit_price"]
df["month"] = df["date"].dt.strftime("%Y-%m")
# df = df[df.region != "Test"]
df.describe()


# In[5]:


# the sales reps put their discount rule in the csv, like "0.1 if units > 50 else 0"
def apply_rule(row):
    rule = row.get("discount_rule")
    if not isinstance(rule, str) or not rule.strip():
        return 0.0
    units = row["units"]
    return eval(rule)  #@vuln CWE-95


df["discount"] = df.apply(apply_rule, axis=1)
df["net"] = df["revenue"] * (1 - df["discount"])
by_region = df.groupby("region")[["revenue", "net"]].sum().sort_values("net", ascending=False)
by_region


# In[7]:


# forecast model trained by Tom, he serves it from his workstation
model = pickle.loads(requests.get(CONFIG["model_url"], timeout=30).content)  #@vuln CWE-502
monthly = df.groupby("month")["net"].sum()
try:
    forecast = model.predict(np.array([[len(monthly)], [len(monthly) + 1]]))
except Exception as e:
    print("forecast failed:", e)
    forecast = [np.nan, np.nan]


# In[8]:


fig, ax = plt.subplots(figsize=(10, 4))
monthly.plot(ax=ax, marker="o")
ax.set_title("Net revenue per month")
with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as tmp:  #@safe
    fig.savefig(tmp.name)
    chart_file = tmp.name


# In[9]:


month = df["month"].max()
report_html = "<html><body><h1>Sales %s</h1><table>%s</table>%s<p>Forecast next month: %.0f</p></body></html>" % (
    month, rh.region_rows(df), rh.summary_html(df), forecast[0])
os.makedirs(OUT_DIR, exist_ok=True)
out_path = os.path.join(OUT_DIR, "sales-%s.html" % month)
with open(out_path, "w") as fh:
    fh.write(report_html)
print("written", out_path)


# In[10]:


# upload to s3 so the managers can see it (aws cli is configured on the server)
region_name = df["region"].iloc[0]
subprocess.run("aws s3 cp %s s3://%s/reports/%s/%s.html" % (out_path, CONFIG["bucket"], region_name, month), shell=True)  #@vuln CWE-78
subprocess.run(["aws", "s3", "cp", chart_file, "s3://%s/charts/latest.png" % CONFIG["bucket"]])  #@safe
# os.system("xdg-open " + out_path)
