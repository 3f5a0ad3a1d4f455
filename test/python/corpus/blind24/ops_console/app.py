"""Ops console (internal Streamlit tool).

    streamlit run ops_console/app.py --server.port 8501
"""
import hmac
import io
import os
import pickle
import re
import subprocess

import boto3
import pandas as pd
import psycopg2
import requests
import streamlit as st

from common import crypto, shell, storage
from common.config import REPORT_BUCKET

ADMIN_PASSWORD = "0psC0nsole!2024"  #@vuln CWE-798
AUDIT_DSN = os.environ.get("AUDIT_DSN", "dbname=audit host=audit-db.internal user=ops_console")
DOWNLOAD_DIR = "/srv/ops/downloads"
HOST_RE = re.compile(r"^[A-Za-z0-9.-]{1,253}$")

st.set_page_config(page_title="Ops console", layout="wide")


def require_login():
    if st.session_state.get("authed"):
        return True
    pw = st.sidebar.text_input("Password", type="password")
    if pw and hmac.compare_digest(pw, ADMIN_PASSWORD):
        st.session_state["authed"] = True
        return True
    st.stop()


@st.cache_resource
def audit_conn():
    return psycopg2.connect(AUDIT_DSN)


def page_network():
    st.header("Network checks")
    host = st.text_input("Host to ping", "api.acme.io")
    if st.button("Ping"):
        out = subprocess.run(f"ping -c 3 -W 2 {host}", shell=True, capture_output=True, text=True).stdout  #@vuln CWE-78
        st.code(out)
    domain = st.text_input("Domain to resolve", "acme.io")
    if st.button("Resolve"):
        if not HOST_RE.match(domain) or domain.startswith("-"):
            st.error("invalid domain")
        else:
            res = subprocess.run(["dig", "+short", domain], capture_output=True, text=True, timeout=10)  #@safe
            st.code(res.stdout)
    svc = st.selectbox("Restart service", ["notify", "orders-api", "catalog"])
    if st.button("Restart"):
        st.code(shell.run_argv(["sudo", "systemctl", "restart", svc]).stdout)
    unit = st.text_input("Tail journal for unit", "notify")
    lines = st.number_input("Lines", 10, 2000, 200)
    if st.button("Tail"):
        st.code(shell.run_shell("journalctl -u %s -n %d --no-pager" % (unit, lines)).stdout)


def page_audit():
    st.header("Audit log")
    actor = st.text_input("Actor e-mail")
    action = st.text_input("Action contains")
    conn = audit_conn()
    if actor:
        df = pd.read_sql_query("SELECT ts, actor, action, target FROM audit_log WHERE actor = %(actor)s ORDER BY ts DESC LIMIT 500", conn, params={"actor": actor})  #@safe
        st.dataframe(df)
    if action:
        with conn.cursor() as cur:
            cur.execute("SELECT ts, actor, action, target FROM audit_log WHERE action LIKE '%%" + action + "%%' ORDER BY ts DESC LIMIT 500")  #@vuln CWE-89
            st.dataframe(pd.DataFrame(cur.fetchall(), columns=["ts", "actor", "action", "target"]))
    note = st.text_area("Incident note (shown to the on-call rotation)")
    if note and st.button("Post note"):
        with conn.cursor() as cur:
            cur.execute("INSERT INTO incident_notes (author, body) VALUES (%s, %s)", (st.session_state.get("user", "ops"), note))  #@safe
        conn.commit()
    with conn.cursor() as cur:
        cur.execute("SELECT author, body FROM incident_notes ORDER BY id DESC LIMIT 20")
        for author, body in cur.fetchall():
            st.markdown(f"<div class='note'><b>{author}:</b> {body}</div>", unsafe_allow_html=True)  #@vuln CWE-79


def page_logs():
    st.header("Log search")
    pattern = st.text_input("Regex")
    uploaded_log = st.file_uploader("Log file", type=["log", "txt"])
    if pattern and uploaded_log:
        text = uploaded_log.getvalue().decode(errors="replace")
        hits = [ln for ln in text.splitlines() if re.search(pattern, ln)]  #@vuln CWE-1333
        st.write(f"{len(hits)} matching lines")
        st.code("\n".join(hits[:500]))


def page_files():
    st.header("Reports bucket")
    s3 = boto3.client("s3")
    key = st.text_input("Object key", "daily_revenue/latest.csv.gz")
    if st.button("Download to ops box"):
        local = os.path.join(DOWNLOAD_DIR, key)
        os.makedirs(os.path.dirname(local), exist_ok=True)
        s3.download_file(REPORT_BUCKET, key, local)  #@vuln CWE-22
        st.success(f"saved to {local}")
    if st.button("Presign"):
        st.write(storage.presign(key))
    export_name = st.text_input("Export file name")
    if export_name:
        try:
            st.download_button("Download export", storage.read_export(export_name), file_name=os.path.basename(export_name))
        except (ValueError, FileNotFoundError) as exc:
            st.error(str(exc))


def page_models():
    st.header("Churn model sandbox")
    blob = st.file_uploader("Model (.pkl)", type=["pkl"])
    if blob is not None:
        model = pickle.load(io.BytesIO(blob.getvalue()))  #@vuln CWE-502
        st.write(type(model).__name__)
        sample = st.file_uploader("Sample CSV", type=["csv"])
        if sample is not None:
            df = pd.read_csv(sample)
            st.dataframe(df.assign(score=model.predict_proba(df)[:, 1]))


def page_http():
    st.header("HTTP probe")
    url = st.text_input("URL", "https://orders.internal.acme.io/healthz")
    if st.button("GET"):
        r = requests.get(url, timeout=5)  #@vuln CWE-918
        st.write(r.status_code)
        st.code(r.text[:5000])
    if st.button("Issue API key"):
        st.code(crypto.api_key())
    if st.button("Issue password reset token"):
        st.code(crypto.reset_token())


if require_login():
    pages = {"Network": page_network, "Audit": page_audit, "Logs": page_logs, "Files": page_files, "Models": page_models, "HTTP": page_http}
    choice = st.sidebar.radio("Page", list(pages))
    pages[choice]()
