"""Registry admin console (Streamlit).

    streamlit run admin_ui/app.py --server.port 8501
"""
import hmac
import pickle
from datetime import datetime, timedelta

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from sqlalchemy import text

from common.db import get_engine
from registry.store import RunStore

ADMIN_PASSWORD = "mlp-admin-Console#2024"  #@vuln CWE-798|CWE-259
STATUSES = ["RUNNING", "FINISHED", "FAILED", "KILLED"]

st.set_page_config(page_title="ML registry admin", layout="wide")


def _authenticated() -> bool:
    if st.session_state.get("admin_ok"):
        return True
    pw = st.sidebar.text_input("Admin password", type="password")
    if pw and hmac.compare_digest(pw, ADMIN_PASSWORD):
        st.session_state["admin_ok"] = True
        return True
    return False


if not _authenticated():
    st.info("Enter the admin password in the sidebar.")
    st.stop()

engine = get_engine()
store = RunStore()
tab_runs, tab_models, tab_inspect = st.tabs(["Runs", "Models", "Inspect artifact"])

with tab_runs:
    col1, col2, col3 = st.columns(3)
    owner = col1.text_input("Owner (user id)")
    status = col2.selectbox("Status", STATUSES)
    days = col3.slider("Last N days", 1, 90, 14)
    since = datetime.utcnow() - timedelta(days=days)

    recent = pd.read_sql(text("SELECT run_uuid, run_name, user_id, status, start_time FROM runs WHERE status = :status AND start_time >= :since ORDER BY start_time DESC"), engine, params={"status": status, "since": since})  #@safe
    st.dataframe(recent, use_container_width=True)

    if owner:
        mine = pd.read_sql(f"SELECT run_uuid, run_name, status, description, start_time FROM runs WHERE user_id = '{owner}' ORDER BY start_time DESC LIMIT 200", engine)  #@vuln CWE-89
        name_regex = st.text_input("Filter run names (regex)")
        if name_regex:
            mine = mine[mine["run_name"].str.contains(name_regex, regex=True, na=False)]  #@vuln CWE-1333
        for run in mine.itertuples():
            st.markdown(f"**{run.run_name}** · `{run.status}`")
            st.markdown(run.description or "_no description_", unsafe_allow_html=True)  #@vuln CWE-79

with tab_models:
    model_name = st.text_input("Registered model")
    if model_name:
        versions = pd.DataFrame(store.model_versions(model_name))
        st.dataframe(versions, use_container_width=True)
        if not versions.empty:
            notes = pd.read_sql(text("SELECT version, notes_html FROM model_version_notes WHERE name = :name"), engine, params={"name": model_name})
            for row in notes.itertuples():
                st.subheader(f"v{row.version}")
                components.html(row.notes_html, height=240, scrolling=True)  #@vuln CWE-79

with tab_inspect:
    st.caption("Upload a pickled estimator to see its parameters before promoting it.")
    uploaded = st.file_uploader("Model file", type=["pkl", "pickle"])
    if uploaded is not None:
        est = pickle.load(uploaded)  #@vuln CWE-502
        st.write(type(est).__name__)
        if hasattr(est, "get_params"):
            st.json({k: repr(v) for k, v in est.get_params().items()})
