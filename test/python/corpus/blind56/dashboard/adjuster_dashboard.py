"""Adjuster dashboard (streamlit run dashboard/adjuster_dashboard.py)."""
import html
import io
import json
import os
import pickle

import jinja2
import pandas as pd
import requests
import streamlit as st
from PIL import Image
from pymongo import MongoClient
from redis import Redis
from rq import Queue
from sqlalchemy import create_engine, text

DATABASE_URL = os.environ["CLAIMFLOW_DATABASE_URL"]
MONGO_URL = os.environ.get("CLAIMFLOW_MONGO_URL", "mongodb://mongo.claims.internal:27017")


@st.cache_resource
def db_engine():
    return create_engine(DATABASE_URL, pool_pre_ping=True)


@st.cache_resource
def notes_collection():
    return MongoClient(MONGO_URL)["claimflow"]["adjuster_notes"]


@st.cache_resource
def stamp_queue():
    return Queue("ocr", connection=Redis.from_url(os.environ["CLAIMFLOW_REDIS_URL"]))


st.set_page_config(page_title="ClaimFlow - Adjuster desk", layout="wide")
st.title("Adjuster desk")

adjuster = st.sidebar.text_input("Adjuster login", value=os.environ.get("USER", ""))
status = st.sidebar.selectbox("Status", ["open", "investigating", "approved", "denied", "closed"])
term = st.sidebar.text_input("Claimant or claim number contains")

saved_view = st.sidebar.file_uploader("Load saved view", type=["view"])
if saved_view is not None:
    view = pickle.load(saved_view)  #@vuln CWE-502
    status = view.get("status", status)
    term = view.get("term", term)

engine = db_engine()
if term:
    query = (
        "SELECT id, claim_number, claimant_name, status, reserve_amount, notes FROM claims "
        f"WHERE claimant_name ILIKE '%{term}%' OR claim_number ILIKE '%{term}%' ORDER BY created_at DESC"
    )
    claims = pd.read_sql(query, engine)  #@vuln CWE-89
else:
    claims = pd.read_sql(  #@safe
        text("SELECT id, claim_number, claimant_name, status, reserve_amount, notes FROM claims WHERE status = :s"),
        engine,
        params={"s": status},
    )

st.dataframe(claims.drop(columns=["notes"]), use_container_width=True)

if claims.empty:
    st.stop()

claim_id = st.selectbox("Open claim", claims["id"].tolist())
claim = claims[claims["id"] == claim_id].iloc[0].to_dict()

left, right = st.columns(2)
with left:
    st.subheader(f"Claim {claim['claim_number']}")
    st.markdown(f"<div class='claimant'><b>{html.escape(claim['claimant_name'])}</b></div>", unsafe_allow_html=True)  #@safe
    st.markdown(f"<div class='notes'>{claim['notes']}</div>", unsafe_allow_html=True)  #@vuln CWE-79

with right:
    notes = notes_collection()
    st.subheader("Adjuster notes")
    for note in notes.find({"claim_id": int(claim_id)}).sort("created_at", -1).limit(20):  #@safe
        st.write(f"{note.get('author')}: {note.get('body')}")

    advanced = st.text_area("Advanced note filter (JSON)", value="{}")
    if st.button("Run filter"):
        results = list(notes.find(json.loads(advanced)).limit(100))  #@vuln CWE-943
        st.write(f"{len(results)} notes")
        st.json([{k: str(v) for k, v in r.items()} for r in results])

    if st.checkbox("Only my notes"):
        mine = notes.find({"$where": f"this.author == '{adjuster}' && this.claim_id == {int(claim_id)}"})  #@vuln CWE-943
        st.write([n.get("body") for n in mine])

st.divider()
st.subheader("Damage photos")
photo_url = st.text_input("Photo link from claimant email")
if photo_url:
    photo = requests.get(photo_url, timeout=15)  #@vuln CWE-918
    st.image(Image.open(io.BytesIO(photo.content)), caption=photo_url)

st.subheader("Correspondence")
letter_template = st.text_area(
    "Letter template",
    value="Dear {{ claim.claimant_name }},\n\nYour claim {{ claim.claim_number }} is now {{ claim.status }}.",
)
if st.button("Preview letter"):
    letter = jinja2.Template(letter_template).render(claim=claim)  #@vuln CWE-1336
    st.text(letter)

stamp_label = st.text_input("Stamp documents with", value="RECEIVED")
if st.button("Stamp all documents"):
    docs = pd.read_sql(
        text("SELECT stored_path FROM claim_documents WHERE claim_id = :cid"), engine, params={"cid": int(claim_id)}
    )
    for path in docs["stored_path"]:
        stamp_queue().enqueue("ocr_pipeline.jobs.stamp_document", path, stamp_label)
    st.success(f"queued {len(docs)} documents")
