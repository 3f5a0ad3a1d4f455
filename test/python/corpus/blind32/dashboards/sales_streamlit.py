"""Sales explorer (Streamlit). Run with: streamlit run dashboards/sales_streamlit.py"""
import html
import pickle

import pandas as pd
import plotly.express as px
import sqlalchemy as sa
import streamlit as st

from common import config

st.set_page_config(page_title="Sales explorer", layout="wide")


@st.cache_resource
def get_engine():
    return sa.create_engine(f"sqlite:///{config.DB_PATH}")


@st.cache_data(ttl=300)
def load_regions():
    return pd.read_sql("SELECT DISTINCT region FROM sales ORDER BY region", get_engine())["region"].tolist()


engine = get_engine()
user = st.session_state.get("user", "anonymous")

regions = load_regions()
region = st.sidebar.selectbox("Region", regions)
customer = st.sidebar.text_input("Customer contains")
date_from = st.sidebar.date_input("From")
metric_expr = st.sidebar.text_input("Custom metric", "amount * 1.0", help="Python expression over amount and qty")

df = pd.read_sql(sa.text("SELECT * FROM sales WHERE region = :region AND created_at >= :d ORDER BY created_at"), engine, params={"region": region, "d": str(date_from)})  #@safe

if customer:
    st.markdown(f"<div class='filter-banner'>Filtered to customers containing <b>{html.escape(customer)}</b></div>", unsafe_allow_html=True)  #@safe
    df = pd.read_sql(f"SELECT * FROM sales WHERE region = '{region}' AND customer LIKE '%{customer}%' ORDER BY created_at", engine)  #@vuln CWE-89

if df.empty:
    st.info("No sales for this selection.")
    st.stop()

if metric_expr:
    try:
        df["metric"] = eval(metric_expr, {"__builtins__": {}}, {"amount": df["amount"], "qty": df["qty"], "pd": pd})  #@vuln CWE-95
    except Exception as exc:
        st.error(f"Could not evaluate metric: {exc}")
        df["metric"] = df["amount"]

col1, col2, col3 = st.columns(3)
col1.metric("Orders", len(df))
col2.metric("Revenue", f"{df['amount'].sum():,.2f}")
col3.metric("Custom metric", f"{df['metric'].sum():,.2f}")

daily = df.groupby(df["created_at"].str[:10])["metric"].sum().reset_index()
st.plotly_chart(px.line(daily, x="created_at", y="metric", title=f"Daily metric - {region}"), use_container_width=True)
st.dataframe(df, use_container_width=True)

st.subheader(f"Notes for {region}")
notes = pd.read_sql(sa.text("SELECT author, body, created_at FROM region_notes WHERE region = :r ORDER BY created_at DESC"), engine, params={"r": region})
for _, note in notes.iterrows():
    st.markdown(f"<div class='note'><b>{html.escape(note['author'])}</b> <small>{note['created_at']}</small><br>{note['body']}</div>", unsafe_allow_html=True)  #@vuln CWE-79

with st.form("add_note", clear_on_submit=True):
    body = st.text_area("Add a note (basic HTML allowed)")
    if st.form_submit_button("Save") and body.strip():
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO region_notes (region, author, body, created_at) VALUES (:r, :a, :b, datetime('now'))"), {"r": region, "a": user, "b": body})
        st.success("Note saved")

st.subheader("Forecast")
uploaded = st.file_uploader("Upload a forecast model (.pkl)", type=["pkl"])
if uploaded is not None:
    model = pickle.load(uploaded)  #@vuln CWE-502
    horizon = st.slider("Days ahead", 7, 90, 30)
    forecast = model.predict(horizon)
    st.line_chart(forecast)

st.subheader("Export")
export_name = st.text_input("Export file name", f"sales_{region}.csv")
if st.button("Export to shared folder"):
    out_path = config.EXPORT_DIR / export_name
    df.to_csv(out_path, index=False)  #@vuln CWE-22
    st.success(f"Wrote {len(df)} rows to {out_path}")
